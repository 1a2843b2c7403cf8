package org.pmm.base;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" hints: the known name closest to a misspelt one by edit distance, if it is
 * close enough to be a plausible typo.
 *
 * <pre>{@code
 * SpellingSuggestions.closest("Laplce", List.of("Laplace", "Normal"))  // Optional[Laplace]
 * SpellingSuggestions.didYouMean("Laplce", List.of("Laplace"))         // "; did you mean 'Laplace'?"
 * }</pre>
 */
public final class SpellingSuggestions {
  private SpellingSuggestions() {}

  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(word.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance || distance == bestDistance && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(word.length(), best == null ? 0 : best.length()) / 3);
    return best != null && bestDistance <= allowed && bestDistance < Math.min(word.length(), best.length()) ? Optional.of(best) : Optional.empty();
  }

  /** {@code "; did you mean 'x'?"} or the empty string. */
  public static String didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
