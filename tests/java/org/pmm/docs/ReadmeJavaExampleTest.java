package org.pmm.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example compiles as printed (its imports included) against pmm's classes
 * and, run, reaches the posterior it claims: its statements become the body of a method, which
 * returns the variable {@code alpha} the example ends with, and Beta(α, β)'s mean α / (α + β)
 * must be near the exact posterior's 2/3.
 */
class ReadmeJavaExampleTest {
  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  Path classes;

  @Test
  void theExampleCompilesAndReachesThePosterior() throws Exception {
    Matcher m = JAVA.matcher(Files.readString(Path.of("README.md")));
    assertTrue(m.find(), "README.md has a ```java block");
    List<String> imports = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (String line : m.group(1).split("\n")) {
      if (line.startsWith("import ")) {
        imports.add(line);
      } else {
        body.append("    ").append(line).append('\n');
      }
    }
    String source = String.join("\n", imports) + "\n\npublic class ReadmeExample {\n"
        + "  public static double[] run() {\n" + body
        + "    return new double[] {alpha, store.constrained(\"beta\").getDouble(0)};\n  }\n}\n";
    compile(source);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        getClass().getClassLoader())) {
      Method run = loader.loadClass("ReadmeExample").getMethod("run");
      double[] ab = (double[]) run.invoke(null);
      assertEquals(2.0 / 3.0, ab[0] / (ab[0] + ab[1]), 0.03,
          "mean of the fitted Beta(" + ab[0] + ", " + ab[1] + ")");
    }
  }

  /** {@code ./pmm shell} starts jshell with these imports: each must resolve. */
  @Test
  void theShellsImportsResolve() throws IOException {
    List<String> imports = Files.readAllLines(Path.of("src/main/sh/pmm-shell.jsh")).stream()
        .filter(l -> l.startsWith("import ")).toList();
    assertTrue(imports.size() > 5, "imports: " + imports);
    compile(String.join("\n", imports) + "\n\npublic class ReadmeExample {\n"
        + "  static Object p() { return new Beta(2, 3); }\n}\n");
  }

  private void compile(String source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeExample.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
          "-d", classes.toString());
      boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(file)).call();
      assertTrue(ok, "the README's example does not compile:\n" + diagnostics.getDiagnostics()
          + "\n" + source);
    }
  }
}
