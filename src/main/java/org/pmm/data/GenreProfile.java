package org.pmm.data;

/**
 * The surrogate's per-genre constants: how often a genre shows in each modality, and how
 * it loads on the latent themes that correlate genres. Column order is {@link Genres#NAMES}.
 *
 * <p>Text-led genres (the plot says it, the poster rarely shows it): Crime, Documentary,
 * Biography, War, History, Music, Sport, Romance. Image-led genres (the poster shows it):
 * Action, Horror, Sci-Fi, Family, Animation, Western, Film-Noir, Fantasy. The rest are mixed.
 */
final class GenreProfile {
  private GenreProfile() {}

  /** Names of the latent themes, the columns of {@link #THEME_LOADINGS}. */
  static final String[] THEMES = {
      "light", "dark", "family", "history", "factual", "spectacle", "fright"};

  /**
   * Probability that a movie's genre shows in its plot text. With {@link #VISIBLE_IN_IMAGE} it
   * sums to at most 1: one uniform draw u per (movie, genre) makes the genre visible in the text
   * when {@code u < visibleInText} and in the poster when {@code u > 1 - visibleInImage}, so
   * the two modalities show it to different movies (as the probabilities sum to less than 1,
   * never to the same one) and {@code 1 - visibleInText - visibleInImage} of them show it nowhere
   * (label noise no model can undo).
   */
  static final double[] VISIBLE_IN_TEXT = {
      0.45, 0.50, 0.55, 0.45, 0.60, 0.35, 0.45, 0.30, 0.70, 0.50, 0.30, 0.40, 0.35, 0.70, 0.60,
      0.65, 0.60, 0.20, 0.45, 0.30, 0.65, 0.35, 0.25};

  /** Probability that a movie's genre shows in its poster (see {@link #VISIBLE_IN_TEXT}). */
  static final double[] VISIBLE_IN_IMAGE = {
      0.40, 0.40, 0.30, 0.40, 0.25, 0.55, 0.45, 0.65, 0.15, 0.35, 0.60, 0.50, 0.55, 0.15, 0.30,
      0.20, 0.25, 0.75, 0.40, 0.60, 0.20, 0.35, 0.65};

  /** Loadings of each genre (row) on the themes (columns, {@link #THEMES}). */
  static final double[][] THEME_LOADINGS = {
      // light dark family history factual spectacle fright
      {-0.8, 0.0, -0.3, 0.3, -1.2, -0.6, -0.8},   // Drama
      {1.2, -0.5, 0.0, 0.0, 0.0, 0.0, -0.2},      // Comedy
      {0.8, 0.0, 0.0, 0.0, -0.4, 0.0, 0.0},       // Romance
      {-0.8, 1.2, 0.0, 0.0, -0.4, 0.3, 0.5},      // Thriller
      {-0.3, 1.0, -0.5, 0.0, 0.0, 0.2, 0.0},      // Crime
      {0.0, 0.2, 0.0, 0.0, 0.0, 1.2, 0.0},        // Action
      {0.0, 0.0, 0.7, 0.0, 0.0, 1.0, 0.0},        // Adventure
      {-0.5, 0.5, -0.5, 0.0, 0.0, 0.3, 1.3},      // Horror
      {-0.4, 0.0, 0.0, 0.0, 1.5, -0.5, 0.0},      // Documentary
      {0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.5},        // Mystery
      {0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.6},        // Sci-Fi
      {0.0, 0.0, 0.8, 0.0, 0.0, 0.6, 0.0},        // Fantasy
      {0.6, -0.5, 1.3, 0.0, 0.0, 0.0, 0.0},       // Family
      {0.0, 0.0, 0.0, 0.7, 0.8, 0.0, 0.0},        // Biography
      {0.0, 0.0, 0.0, 1.3, 0.0, 0.3, 0.0},        // War
      {0.0, 0.0, 0.0, 1.3, 0.4, 0.0, 0.0},        // History
      {0.3, 0.0, 0.0, 0.0, 0.7, 0.0, 0.0},        // Music
      {0.4, 0.0, 1.3, 0.0, 0.0, 0.0, 0.0},        // Animation
      {0.8, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0},        // Musical
      {0.0, 0.0, 0.0, 0.5, 0.0, 0.4, 0.0},        // Western
      {0.0, 0.0, 0.0, 0.0, 0.7, 0.0, 0.0},        // Sport
      {0.3, 0.0, 0.3, 0.0, 0.3, 0.0, 0.0},        // Short
      {0.0, 0.9, 0.0, 0.0, 0.0, 0.0, 0.0}};       // Film-Noir
}
