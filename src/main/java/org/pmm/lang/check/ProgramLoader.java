package org.pmm.lang.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.base.FileKinds;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.SourceFile;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.diag.Diagnostics;
import org.pmm.lang.parse.SourceParser;

/**
 * Reads a file and its imports. {@code import "x.pmm"} resolves relative to the importing
 * file, then to the shipped {@code stdlib/} under {@code pmm.home}. Each file is loaded once
 * (diamonds are fine); a cycle is an error at the import that closes it. The result lists
 * imported files before the files that import them, the root last.
 */
final class ProgramLoader {
  private final Diagnostics diagnostics;
  private final Map<String, String> texts;
  private final Map<Path, SourceFile> loaded = new LinkedHashMap<>();
  private final List<Path> loading = new ArrayList<>();
  private final List<SourceFile> ordered = new ArrayList<>();

  ProgramLoader(Diagnostics diagnostics, Map<String, String> texts) {
    this.diagnostics = diagnostics;
    this.texts = texts;
  }

  List<SourceFile> load(Path path, String display) {
    String kind = FileKinds.notARegularFile(path);
    if (kind != null) {
      diagnostics.error(new SourceLocation(display, 0, 0), kind.equals("does not exist") ? "no such file"
          : kind + ", not a .pmm file");
      return ordered;
    }
    load(path, display, null);
    return ordered;
  }

  private void load(Path path, String display, SourceLocation importedAt) {
    Path key = canonical(path);
    if (loading.contains(key)) {
      List<String> cycle = new ArrayList<>();
      for (Path p : loading.subList(loading.indexOf(key), loading.size())) {
        cycle.add(p.getFileName().toString());
      }
      cycle.add(key.getFileName().toString());
      diagnostics.error(importedAt, "circular import: " + String.join(" -> ", cycle));
      return;
    }
    if (loaded.containsKey(key)) {
      return;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      diagnostics.error(importedAt != null ? importedAt : new SourceLocation(display, 0, 0), "cannot read " + display
          + ": " + e.getMessage());
      return;
    }
    SourceFile file = SourceParser.parse(display, path, bytes, diagnostics);
    if (bytes.length <= org.pmm.lang.parse.InputLimits.MAX_FILE_BYTES) {
      texts.put(display, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
    if (file == null) {
      return;
    }
    loaded.put(key, file);
    loading.add(key);
    for (Declaration declaration : file.declarations()) {
      if (declaration instanceof Declaration.Import imported) {
        if (imported.path().chars().anyMatch(c -> c == 0)) {
          // The JDK refuses such a path outright; no file system has a name with U+0000 in it.
          diagnostics.error(imported.location(), "cannot import a path that contains the character U+0000");
          continue;
        }
        Path local = path.toAbsolutePath().getParent().resolve(imported.path());
        Path target = resolve(path, imported.path());
        if (target == null && Files.exists(local)) {
          diagnostics.error(imported.location(), "cannot import '" + imported.path() + "': it "
              + FileKinds.notARegularFile(local));
          continue;
        }
        if (target == null) {
          diagnostics.error(imported.location(), "cannot find import '" + imported.path() + "' (looked next to "
              + display + " and in the standard library)");
          continue;
        }
        String shown = target.equals(local) ? siblingDisplay(display, imported.path()) : displayOf(target);
        load(target, shown, imported.location());
      }
    }
    loading.remove(loading.size() - 1);
    ordered.add(file);
  }

  private static Path resolve(Path importer, String name) {
    Path parent = importer.toAbsolutePath().getParent();
    Path local = parent == null ? Path.of(name) : parent.resolve(name);
    if (Files.isRegularFile(local)) {
      return local;
    }
    Path library = Path.of(System.getProperty("pmm.home", ".")).resolve("stdlib").resolve(name);
    return Files.isRegularFile(library) ? library : null;
  }

  /** An import next to its importer, shown relative to the importer as the user named it. */
  private static String siblingDisplay(String importer, String name) {
    Path parent = Path.of(importer).getParent();
    return (parent == null ? Path.of(name) : parent.resolve(name)).normalize().toString();
  }

  /** A path as shown in messages: relative to the working directory when it is below it. */
  private static String displayOf(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
  }

  private static Path canonical(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
