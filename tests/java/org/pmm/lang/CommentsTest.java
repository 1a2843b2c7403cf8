package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.diag.Diagnostic;
import org.pmm.lang.program.CheckedProgram;

/**
 * {@code //} and {@code /* *}{@code /} comments are hidden wherever white space may go; a block
 * comment without its end is an error at the {@code /*} that opens it.
 */
class CommentsTest {
  @TempDir Path directory;

  private Path write(String text) throws IOException {
    Path file = directory.resolve("c.pmm");
    Files.writeString(file, text);
    return file;
  }

  private List<String> errors(String text) throws IOException {
    Path file = write(text);
    CheckFailed failed = assertThrows(CheckFailed.class, () -> ProgramChecker.checkFile(file, "c.pmm"));
    return failed.diagnostics().stream().map(Diagnostic::header).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "model m {\n  x ~ Normal(0, 1) /* a */\n}\n",
      "/**/ model m { x ~ Normal(0, 1) }",
      "model m { x ~ Normal(0, /* the scale: */ 1) }",
      "/* one\n * two\n */\nmodel m { x ~ Normal(0, 1) }\n",
      "model m { x ~ Normal(0, 1) } /***/",
      "model m { x ~ Normal(0, 1) } /* ** * */",
      "model m { x ~ Normal(0, 1) } /*/ still a comment */",
      "model m { x ~ Normal(0, 1) } /* \"not a string\" // not a line comment */",
      "model m { x ~ Normal(0, 1) } /* a */ /* b */",
      "model m {/* a */x ~ Normal(0, 1)/* b */}",
  })
  void terminatedBlockCommentsAreHidden(String text) throws IOException {
    CheckedProgram program = ProgramChecker.checkFile(write(text), "c.pmm");
    assertEquals(1, program.models().get("m").latentSites().size());
  }

  @Test
  void aBlockCommentDoesNotShiftTheColumnsOfLaterErrors() throws IOException {
    assertEquals(List.of("c.pmm:2:23: error: undefined name 'zebra'"),
        errors("model m {\n  /* a */ /* b */ x = zebra\n}\n"));
  }

  @Test
  void anUnterminatedBlockCommentIsReportedAtItsStart() throws IOException {
    assertEquals(List.of("c.pmm:2:3: error: unterminated comment", "c.pmm:3:1: error: unexpected end of file; "
        + "expected a statement or '}'"), errors("model m {\n  /* a\n"));
    assertEquals(List.of("c.pmm:1:38: error: unterminated comment"),
        errors("model m { x ~ Normal(0, 1) } /* a */ /* b"));
    assertEquals(List.of("c.pmm:1:30: error: unterminated comment"), errors("model m { x ~ Normal(0, 1) } /*/"));
    assertEquals(List.of("c.pmm:1:30: error: unterminated comment"), errors("model m { x ~ Normal(0, 1) } /* a *"));
    assertEquals(List.of("c.pmm:1:30: error: unterminated comment"), errors("model m { x ~ Normal(0, 1) } /*"));
  }
}
