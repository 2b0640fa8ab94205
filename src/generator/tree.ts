/** Permission bits a generated file is written with: executable (a wrapper script such as `mvnw`) or not. */
export type FileMode = 0o644 | 0o755;

/**
 * The in-memory project: relative POSIX paths to file contents and modes. Nothing touches the disk until the
 * writer, which takes each file's mode from here, so what is executable is decided where the file comes from.
 */
export class VirtualTree {
  private readonly files = new Map<string, Buffer>();
  private readonly executables = new Set<string>();

  set(path: string, content: string | Buffer, mode: FileMode = 0o644): void {
    this.files.set(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    if (mode === 0o755) this.executables.add(path);
    else this.executables.delete(path);
  }

  mode(path: string): FileMode {
    return this.executables.has(path) ? 0o755 : 0o644;
  }

  get(path: string): Buffer | undefined {
    return this.files.get(path);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  delete(path: string): void {
    this.files.delete(path);
    this.executables.delete(path);
  }

  /** Paths in a stable order, so listings and manifests are byte-reproducible. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  entries(): Array<[string, Buffer]> {
    return this.paths().map((p) => [p, this.files.get(p)!]);
  }

  get size(): number {
    return this.files.size;
  }
}
