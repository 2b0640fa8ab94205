/** The in-memory project: relative POSIX paths to file contents. Nothing touches the disk until the writer. */
export class VirtualTree {
  private readonly files = new Map<string, Buffer>();

  set(path: string, content: string | Buffer): void {
    this.files.set(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  }

  get(path: string): Buffer | undefined {
    return this.files.get(path);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  delete(path: string): void {
    this.files.delete(path);
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
