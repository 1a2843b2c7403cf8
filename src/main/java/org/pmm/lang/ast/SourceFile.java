package org.pmm.lang.ast;

import java.nio.file.Path;
import java.util.List;

/**
 * One parsed file: the path as displayed to the user, where it really is (to resolve its
 * imports), its text (to quote lines in errors) and its declarations.
 */
public record SourceFile(String displayPath, Path path, String text, List<Declaration> declarations) {}
