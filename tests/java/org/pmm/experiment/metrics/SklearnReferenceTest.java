package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks against scikit-learn 1.2 and SciPy on random cases. The values were computed by
 * {@code tests/resources/experiment/sklearn_reference.py}; the test reads only the JSON it wrote.
 */
class SklearnReferenceTest {
  private static final double EPS = 1e-12;

  private static JsonNode reference() throws IOException {
    try (InputStream in = SklearnReferenceTest.class.getResourceAsStream(
        "/experiment/sklearn_reference.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void multilabelAveragesAndPerGenreScoresMatchSklearn() throws IOException {
    JsonNode cases = reference().get("multilabel");
    assertEquals(6, cases.size());
    for (JsonNode c : cases) {
      double[][] p = doubles(c.get("probabilities"));
      int[][] y = ints(c.get("labels"));
      double threshold = c.get("threshold").asDouble();
      String where = "case with " + y.length + " rows at threshold " + threshold;

      F1Scores s = MultilabelF1.score(p, y, threshold);
      assertEquals(c.get("micro").asDouble(), s.micro(), EPS, where);
      assertEquals(c.get("macro").asDouble(), s.macro(), EPS, where);
      assertEquals(c.get("weighted").asDouble(), s.weighted(), EPS, where);
      assertEquals(c.get("samples").asDouble(), s.samples(), EPS, where);

      List<GenreScore> g = PerGenreF1.score(y, DecisionThreshold.apply(p, threshold));
      for (int j = 0; j < g.size(); j++) {
        assertEquals(c.get("per_genre_f1").get(j).asDouble(), g.get(j).f1(), EPS, where + " g" + j);
        assertEquals(c.get("per_genre_weighted_f1").get(j).asDouble(), g.get(j).weightedF1(), EPS,
            where + " g" + j);
        assertEquals(c.get("per_genre_support").get(j).asLong(), g.get(j).support(), where);
      }
    }
  }

  @Test
  void welchMatchesScipy() throws IOException {
    for (JsonNode c : reference().get("welch")) {
      WelchResult r = WelchTest.compare(doubles1(c.get("a")), doubles1(c.get("b")));
      assertEquals(c.get("t").asDouble(), r.t(), 1e-9, c.toString());
      assertEquals(c.get("p").asDouble(), r.p(), 1e-9, c.toString());
    }
  }

  private static double[] doubles1(JsonNode a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  private static double[][] doubles(JsonNode m) {
    double[][] v = new double[m.size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = doubles1(m.get(i));
    }
    return v;
  }

  private static int[][] ints(JsonNode m) {
    int[][] v = new int[m.size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = new int[m.get(i).size()];
      for (int j = 0; j < v[i].length; j++) {
        v[i][j] = m.get(i).get(j).asInt();
      }
    }
    return v;
  }
}
