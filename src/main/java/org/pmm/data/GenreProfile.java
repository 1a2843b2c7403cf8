package org.pmm.data;

/**
 * The surrogate's per-genre constants: how often a genre is invisible in each modality, and how
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

  /** Probability that a movie's genre leaves no trace in the plot text. */
  static final double[] HIDDEN_IN_TEXT = {
      0.45, 0.30, 0.25, 0.30, 0.15, 0.40, 0.30, 0.45, 0.10, 0.25, 0.45, 0.40, 0.45, 0.10, 0.15,
      0.15, 0.20, 0.60, 0.35, 0.45, 0.10, 0.60, 0.60};

  /** Probability that a movie's genre leaves no trace in the poster. */
  static final double[] HIDDEN_IN_IMAGE = {
      0.55, 0.35, 0.50, 0.40, 0.60, 0.15, 0.30, 0.10, 0.65, 0.50, 0.15, 0.25, 0.20, 0.70, 0.50,
      0.65, 0.60, 0.05, 0.40, 0.10, 0.65, 0.50, 0.10};

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
