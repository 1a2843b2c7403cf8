package org.pmm.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates the text of a {@code .pmm} file the ways a hurried editor, a broken download or a
 * hostile user would: delete, duplicate, swap and replace tokens and characters, insert random
 * bytes (often not UTF-8), truncate, splice lines from another file, nest brackets or minus
 * signs deeply, comment out spans with block comments (some never closed), replace numbers by
 * values at the edges of what the language holds (0, negatives, past float32 or 64 bits), and
 * append networks and functions that use the next level twice, deeper than the checker expands.
 * Works on the bytes seen as ISO-8859-1 text so that every byte survives a round trip
 * unchanged, valid UTF-8 or not.
 *
 * <pre>{@code
 * PmmMutator mutator = new PmmMutator(List.of(Files.readAllBytes(Path.of("models/gmu.pmm"))));
 * PmmMutator.Mutant mutant = mutator.mutate(new Random(42));
 * Files.write(file, mutant.bytes());   // mutant.operations() says what was done
 * }</pre>
 */
final class PmmMutator {
  /** Identifiers, numbers, strings, comments, runs of white space, or one other character. */
  private static final Pattern TOKEN = Pattern.compile(
      "[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|\"[^\"\\n]*\"|//[^\\n]*|/\\*.*?\\*/|\\s+|.",
      Pattern.DOTALL);
  /** Numbers at the edges: not positive, not whole, past an int, past 64 bits, past float32. */
  static final List<String> EDGE_NUMBERS = List.of(
      "0", "-1", "-5", "0.0", "0.5", "1.5", "2.5", "1e-45", "1e-46", "1e-320", "1e-400", "3.4028235e38", "3.5e38",
      "1e39", "1.79e308", "1e309", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
      "99999999999999999999");
  /** Pieces that exercise the checker rather than the parser when dropped into valid code. */
  private static final List<String> SNIPPETS = List.of(
      "Laplace", "Normal", "Bernoulli", "Categorical", "Laplce", "plate", "param", "sample", "model", "guide",
      "train", "eval", "hyper", "data", "network", "module", "def", "import", "return", "use", "using", "if",
      "true", "false", "N", "hidden", "0", "1", "-1", "0.5", "1e309", "-0", "99999999999999999999", "1e-400",
      "\"\"", "\"x.pmm\"", "\"../models/gmu.pmm\"", "\"a\u0000b.pmm\"", "/*", "*/", "/**/", "/* c */", "/***/",
      "[", "]", "(", ")", "{", "}", "~", "=", ":", ",", ";", "@",
      "^", "*", "/", "+", "-", ".", "\t", "\n", "\r\n", "\u00e9", "\u00ce\u00bb", "\u00ef\u00bb\u00bf", "\u0000");
  private static final String[] OPERATIONS = {
      "delete-token", "duplicate-token", "swap-tokens", "replace-token", "snippet", "delete-char",
      "duplicate-char", "swap-chars", "replace-char", "random-bytes", "truncate", "splice-line",
      "delete-line", "nest", "minus-run", "replace-name", "replace-name", "replace-number", "edge-number",
      "edge-number", "block-comment", "doubling"};

  private static final Pattern NAME = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");
  private static final Pattern NUMBER = Pattern.compile("\\b[0-9]+(?:\\.[0-9]+)?\\b");

  private final List<String> seeds;

  PmmMutator(List<byte[]> seedFiles) {
    seeds = seedFiles.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
  }

  /** A mutated file and the operations that made it (for the failure message). */
  record Mutant(int seedIndex, List<String> operations, byte[] bytes) {}

  Mutant mutate(Random random) {
    int seedIndex = random.nextInt(seeds.size());
    String text = seeds.get(seedIndex);
    List<String> done = new ArrayList<>();
    int steps = 1 + random.nextInt(random.nextInt(4) == 0 ? 8 : 3);
    for (int i = 0; i < steps; i++) {
      String operation = OPERATIONS[random.nextInt(OPERATIONS.length)];
      text = apply(operation, text, random);
      done.add(operation);
    }
    return new Mutant(seedIndex, done, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private String apply(String operation, String text, Random random) {
    List<int[]> tokens = tokens(text);
    if (text.isEmpty() || tokens.isEmpty()) {
      return operation.equals("snippet") || operation.equals("random-bytes") ? randomBytes(random) : text;
    }
    int[] a = tokens.get(random.nextInt(tokens.size()));
    int[] b = tokens.get(random.nextInt(tokens.size()));
    int at = random.nextInt(text.length());
    return switch (operation) {
      case "delete-token" -> cut(text, a[0], a[1], "");
      case "duplicate-token" -> cut(text, a[0], a[0], text.substring(a[0], a[1]));
      case "swap-tokens" -> swap(text, a, b);
      case "replace-token" -> cut(text, a[0], a[1], text.substring(b[0], b[1]));
      case "snippet" -> cut(text, a[0], random.nextBoolean() ? a[0] : a[1], SNIPPETS.get(random.nextInt(SNIPPETS.size())));
      case "delete-char" -> cut(text, at, at + 1, "");
      case "duplicate-char" -> cut(text, at, at, text.substring(at, at + 1));
      case "swap-chars" -> at + 1 < text.length() ? swap(text, new int[] {at, at + 1}, new int[] {at + 1, at + 2}) : text;
      case "replace-char" -> cut(text, at, at + 1, String.valueOf((char) (32 + random.nextInt(95))));
      case "random-bytes" -> cut(text, at, at, randomBytes(random));
      case "truncate" -> text.substring(0, at);
      case "splice-line" -> cut(text, lineStart(text, at), lineStart(text, at), randomLine(random));
      case "delete-line" -> deleteLine(text, at);
      case "nest" -> nest(text, a, random);
      case "replace-name" -> replaceLike(text, NAME, random);
      case "replace-number" -> replaceLike(text, NUMBER, random);
      case "minus-run" -> cut(text, a[0], a[0], "-".repeat(1 + random.nextInt(160)));
      case "edge-number" -> edgeNumber(text, random);
      case "block-comment" -> blockComment(text, a, b, random);
      case "doubling" -> text + doubling(random);
      default -> throw new IllegalStateException(operation);
    };
  }

  /**
   * Replaces one name (or number) by another of the same file: the result usually still parses,
   * so these mutants reach the name, shape and plate checks instead of stopping at the parser.
   */
  private static String replaceLike(String text, Pattern kind, Random random) {
    List<int[]> found = new ArrayList<>();
    Matcher m = kind.matcher(text);
    while (m.find()) {
      found.add(new int[] {m.start(), m.end()});
    }
    if (found.isEmpty()) {
      return text;
    }
    int[] target = found.get(random.nextInt(found.size()));
    int[] source = found.get(random.nextInt(found.size()));
    return cut(text, target[0], target[1], text.substring(source[0], source[1]));
  }

  /**
   * The text with 1 to 5 block comments put into white space between tokens (never inside a
   * string or a line comment): the same program, which must check exactly as before.
   */
  static String withComments(String text, Random random) {
    List<Integer> gaps = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      if (m.group().isBlank()) {
        // at the gap's end, before the next token: its start may be the newline that ends a
        // line comment, where a comment spanning lines would turn the comment's rest into code
        gaps.add(m.end());
      }
    }
    if (gaps.isEmpty()) {
      return text;
    }
    String[] comments = {"/**/", "/* a */", "/***/", "/* ** / * */", "/* \"not a string\" // nor this */",
        "/*\n  several\n  lines\n*/", "/*/ */"};
    StringBuilder out = new StringBuilder(text);
    List<Integer> chosen = new ArrayList<>();
    for (int i = 1 + random.nextInt(5); i > 0; i--) {
      chosen.add(gaps.get(random.nextInt(gaps.size())));
    }
    chosen.stream().distinct().sorted(java.util.Comparator.reverseOrder())
        .forEach(at -> out.insert((int) at, " " + comments[random.nextInt(comments.length)] + " "));
    return out.toString();
  }

  /** Replaces one number of the file by a value at the edge of what the language holds. */
  private static String edgeNumber(String text, Random random) {
    List<int[]> found = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      found.add(new int[] {m.start(), m.end()});
    }
    String edge = EDGE_NUMBERS.get(random.nextInt(EDGE_NUMBERS.size()));
    if (found.isEmpty()) {
      return text + edge;
    }
    int[] target = found.get(random.nextInt(found.size()));
    return cut(text, target[0], target[1], edge);
  }

  /**
   * Comments out the text between two tokens with {@code /* *}{@code /}, sometimes with stars
   * and slashes inside, sometimes without its end.
   */
  private static String blockComment(String text, int[] a, int[] b, Random random) {
    int from = Math.min(a[0], b[0]);
    int to = Math.max(a[1], b[1]);
    String open = random.nextBoolean() ? "/*" : "/**";
    String close = switch (random.nextInt(4)) {
      case 0 -> "";
      case 1 -> "**/";
      default -> "*/";
    };
    String inner = text.substring(from, to).replace("*/", random.nextBoolean() ? "* /" : "*/ /*");
    return text.substring(0, from) + open + inner + close + text.substring(to);
  }

  /**
   * Networks or functions that use the next level twice, 1 to 40 levels deep (2^40 layers
   * unchecked), with a model that calls the first: the checker must stop at its expansion limit.
   */
  private static String doubling(Random random) {
    int levels = 1 + random.nextInt(40);
    StringBuilder out = new StringBuilder("\n");
    if (random.nextBoolean()) {
      out.append("data { fz_x: real[4, 3] = \"x\" }\nmodel fz_m { plate fz_rows(4) { fz_y = fz0(fz_x) } }\n");
      for (int i = 0; i < levels; i++) {
        String inner = i + 1 < levels ? "fz" + (i + 1) : "linear(2)";
        out.append("network fz").append(i).append(" {\n  ").append(inner).append("\n  ").append(inner).append("\n}\n");
      }
    } else {
      out.append("model fz_m { fz_y = fz0(1.0) }\n");
      for (int i = 0; i < levels; i++) {
        String body = i + 1 < levels ? "fz" + (i + 1) + "(fz" + (i + 1) + "(x))" : "x + 1";
        out.append("def fz").append(i).append("(x) {\n  return ").append(body).append("\n}\n");
      }
    }
    return out.toString();
  }

  /** Wraps a token in brackets, sometimes more deeply than the parser allows (100 levels). */
  private static String nest(String text, int[] token, Random random) {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 20 : 200);
    String[][] pairs = {{"(", ")"}, {"[", "]"}, {"{", "}"}};
    String[] pair = pairs[random.nextInt(pairs.length)];
    boolean balanced = random.nextInt(4) != 0;
    String inner = text.substring(token[0], token[1]);
    return cut(text, token[0], token[1], pair[0].repeat(depth) + inner + (balanced ? pair[1].repeat(depth) : ""));
  }

  private static String randomBytes(Random random) {
    StringBuilder out = new StringBuilder();
    int n = 1 + random.nextInt(16);
    for (int i = 0; i < n; i++) {
      out.append((char) random.nextInt(256));
    }
    return out.toString();
  }

  private String randomLine(Random random) {
    String other = seeds.get(random.nextInt(seeds.size()));
    String[] lines = other.split("\n", -1);
    return lines[random.nextInt(lines.length)] + "\n";
  }

  private static String deleteLine(String text, int at) {
    int start = lineStart(text, at);
    int end = text.indexOf('\n', at);
    return cut(text, start, end < 0 ? text.length() : end + 1, "");
  }

  private static int lineStart(String text, int at) {
    return text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
  }

  private static String swap(String text, int[] a, int[] b) {
    if (a[0] > b[0]) {
      int[] t = a;
      a = b;
      b = t;
    }
    if (a[1] > b[0]) {
      return text;
    }
    return text.substring(0, a[0]) + text.substring(b[0], b[1]) + text.substring(a[1], b[0])
        + text.substring(a[0], a[1]) + text.substring(b[1]);
  }

  private static String cut(String text, int from, int to, String replacement) {
    return text.substring(0, from) + replacement + text.substring(Math.min(to, text.length()));
  }

  /** Start and end offsets of the non-white-space tokens. */
  private static List<int[]> tokens(String text) {
    List<int[]> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      if (!m.group().isBlank()) {
        out.add(new int[] {m.start(), m.end()});
      }
    }
    return out;
  }
}
