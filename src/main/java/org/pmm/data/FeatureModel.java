package org.pmm.data;

import java.util.SplittableRandom;

/**
 * The surrogate's feature model: how a movie's genres become a 300-d text vector and a 4096-d
 * image vector. See {@link SurrogateGenerator} for the whole model and docs/data.md for why.
 *
 * <p>Per movie and genre g with label y_g, a visibility in each modality:
 * {@code v_g = y_g * m_g * exp(0.4 z)}, where the masks m_g of text and image come from one
 * uniform draw with the genre's own probabilities ({@link GenreProfile#VISIBLE_IN_TEXT}), so the
 * two modalities tend to show a genre to different movies.
 * <ul>
 *   <li>Text (dense, small like a mean word2vec): {@code x_t = mu + c_t (sum_g v_g a_t d_g
 *       + sum_k n_k s_n e_k + s_t eps)} with unit genre directions d_g and nuisance directions
 *       e_k in R^300, n_k ~ N(0,1) (topics unrelated to genre), eps ~ N(0, I_300).</li>
 *   <li>Image (sparse, non-negative like post-ReLU fc7): a latent {@code z = sum_g v_g a_i l_g
 *       + s_i xi} in R^{48} (genre directions l_g, noise xi ~ N(0, I_48)), a style latent
 *       {@code w ~ N(0, I_24)} unrelated to genre, and per unit j {@code x_j = c_j max(0, b_j
 *       + U_j z + V_j w + s_u eps_j)} with biases {@code b_j ~ N(-0.75, 0.3)} so that most units
 *       are exactly zero.</li>
 * </ul>
 */
final class FeatureModel {
  static final int TEXT_WIDTH = Source.TEXT.width();
  static final int IMAGE_WIDTH = Source.IMAGE.width();
  static final int TEXT_NUISANCE = 40;
  static final int IMAGE_LATENT = 48;
  static final int IMAGE_STYLE = 24;

  // Signal and noise levels, chosen so that a linear model reaches a realistic F1 (docs/data.md).
  static final double TEXT_SIGNAL = 3.0;
  static final double TEXT_NOISE = 0.9;
  static final double TEXT_NUISANCE_SCALE = 1.5;
  static final double TEXT_SCALE = 0.1;
  static final double IMAGE_SIGNAL = 4.5;
  static final double IMAGE_LATENT_NOISE = 0.9;
  static final double IMAGE_UNIT_NOISE = 0.2;
  static final double IMAGE_STYLE_SCALE = 1.0;
  static final double STRENGTH_SPREAD = 0.4;

  private final float[] textMean = new float[TEXT_WIDTH];
  private final float[][] textGenre = new float[Genres.COUNT][TEXT_WIDTH];
  private final float[][] textNuisance = new float[TEXT_NUISANCE][TEXT_WIDTH];
  private final double[][] imageGenre = new double[Genres.COUNT][IMAGE_LATENT];
  /** Unit loadings, latent-major so that the inner loop runs over the 4096 units. */
  private final float[][] unitLoadings = new float[IMAGE_LATENT + IMAGE_STYLE][IMAGE_WIDTH];
  private final float[] unitBias = new float[IMAGE_WIDTH];
  private final float[] unitScale = new float[IMAGE_WIDTH];

  FeatureModel(RandomStreams streams) {
    SplittableRandom random = streams.stream(2, 0);
    for (int c = 0; c < TEXT_WIDTH; c++) {
      textMean[c] = (float) (0.03 * RandomStreams.gaussian(random));
    }
    for (float[] direction : textGenre) {
      unitVector(direction, random);
    }
    for (float[] direction : textNuisance) {
      unitVector(direction, random);
    }
    for (double[] direction : imageGenre) {
      double norm = 0;
      for (int d = 0; d < IMAGE_LATENT; d++) {
        direction[d] = RandomStreams.gaussian(random);
        norm += direction[d] * direction[d];
      }
      for (int d = 0; d < IMAGE_LATENT; d++) {
        direction[d] /= Math.sqrt(norm);
      }
    }
    double loadingScale = 1.0 / Math.sqrt(IMAGE_LATENT + IMAGE_STYLE) * 1.6;
    for (float[] row : unitLoadings) {
      for (int j = 0; j < IMAGE_WIDTH; j++) {
        row[j] = (float) (loadingScale * RandomStreams.gaussian(random));
      }
    }
    for (int j = 0; j < IMAGE_WIDTH; j++) {
      unitBias[j] = (float) (-0.75 + 0.3 * RandomStreams.gaussian(random));
      unitScale[j] = (float) (1.2 * Math.exp(0.3 * RandomStreams.gaussian(random)));
    }
  }

  /**
   * Per-genre visibility of one movie in text and image: one uniform draw per genre decides
   * where the genre shows ({@link GenreProfile#VISIBLE_IN_TEXT}); a shown genre has a
   * log-normal strength.
   */
  static void visibility(byte[] labels, int row, SplittableRandom random, double[] text,
      double[] image) {
    int base = row * Genres.COUNT;
    for (int g = 0; g < Genres.COUNT; g++) {
      double u = random.nextDouble();
      double textStrength = Math.exp(STRENGTH_SPREAD * RandomStreams.gaussian(random));
      double imageStrength = Math.exp(STRENGTH_SPREAD * RandomStreams.gaussian(random));
      boolean labelled = labels[base + g] != 0;
      text[g] = labelled && u < GenreProfile.VISIBLE_IN_TEXT[g] ? textStrength : 0.0;
      image[g] = labelled && u > 1 - GenreProfile.VISIBLE_IN_IMAGE[g] ? imageStrength : 0.0;
    }
  }

  /** The text vector of one movie given its visibilities. */
  void text(double[] visible, SplittableRandom random, float[] noise, float[] out) {
    RandomStreams.fillGaussian(random, noise, 0, TEXT_WIDTH);
    for (int c = 0; c < TEXT_WIDTH; c++) {
      out[c] = (float) (TEXT_NOISE * noise[c]);
    }
    for (int g = 0; g < Genres.COUNT; g++) {
      if (visible[g] != 0) {
        axpy((float) (TEXT_SIGNAL * visible[g]), textGenre[g], out);
      }
    }
    for (int k = 0; k < TEXT_NUISANCE; k++) {
      axpy((float) (TEXT_NUISANCE_SCALE * RandomStreams.gaussian(random)), textNuisance[k], out);
    }
    for (int c = 0; c < TEXT_WIDTH; c++) {
      out[c] = (float) (textMean[c] + TEXT_SCALE * out[c]);
    }
  }

  /** The image vector of one movie given its visibilities. */
  void image(double[] visible, SplittableRandom random, float[] noise, float[] out) {
    double[] latent = new double[IMAGE_LATENT + IMAGE_STYLE];
    for (int d = 0; d < IMAGE_LATENT; d++) {
      latent[d] = IMAGE_LATENT_NOISE * RandomStreams.gaussian(random);
    }
    for (int g = 0; g < Genres.COUNT; g++) {
      if (visible[g] != 0) {
        for (int d = 0; d < IMAGE_LATENT; d++) {
          latent[d] += IMAGE_SIGNAL * visible[g] * imageGenre[g][d];
        }
      }
    }
    for (int d = IMAGE_LATENT; d < latent.length; d++) {
      latent[d] = IMAGE_STYLE_SCALE * RandomStreams.gaussian(random);
    }
    RandomStreams.fillGaussian(random, noise, 0, IMAGE_WIDTH);
    for (int j = 0; j < IMAGE_WIDTH; j++) {
      out[j] = (float) (unitBias[j] + IMAGE_UNIT_NOISE * noise[j]);
    }
    for (int d = 0; d < latent.length; d++) {
      axpy((float) latent[d], unitLoadings[d], out);
    }
    for (int j = 0; j < IMAGE_WIDTH; j++) {
      out[j] = out[j] > 0 ? out[j] * unitScale[j] : 0f;
    }
  }

  private static void axpy(float a, float[] x, float[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static void unitVector(float[] out, SplittableRandom random) {
    double norm = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) RandomStreams.gaussian(random);
      norm += out[i] * out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= (float) Math.sqrt(norm);
    }
  }
}
