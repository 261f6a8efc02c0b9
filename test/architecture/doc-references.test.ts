import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands on its own: every document a source cites exists in it, nothing points outside it,
 * and comments explain the domain instead of naming work items (docs/architecture.md, "Layers and the import
 * rules" has the companion check for imports).
 */
const root = resolve(import.meta.dirname, '../..');

/** Folders that hold no sources of ours: dependencies, build output, test output, local data. */
const skippedDirs = new Set(['.git', 'node_modules', 'dist', 'dist-electron', 'test-results', '.passage-data', 'renderer/dist']);
/** Generated files too large and too mechanical to cite anything. */
const skippedFiles = new Set(['package-lock.json']);
const binaryExtension = /\.(png|jpe?g|gif|ico|y4m|mjpe?g|webp|pdf|gz|zip|traineddata|wasm|woff2?|ttf|otf|node|sqlite|db)$/i;

function skipped(path: string): boolean {
  const parts = path.split('/');
  return parts.some((_, i) => skippedDirs.has(parts.slice(0, i + 1).join('/')) || skippedDirs.has(parts[i] as string)) || skippedFiles.has(path);
}

/** Tracked and new (not ignored) files, as git sees them; a directory walk where there is no git checkout. */
function repositoryFiles(): string[] {
  let listed: string[];
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    listed = out.split('\0').filter((p) => p.length > 0);
  } catch {
    listed = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'));
  }
  return [...new Set(listed)].filter((p) => !skipped(p) && !binaryExtension.test(p) && existsSync(join(root, p))).sort();
}

function readText(path: string): string | null {
  const bytes = readFileSync(join(root, path));
  if (bytes.subarray(0, 8000).includes(0)) return null;
  return bytes.toString('utf8');
}

export interface BadReference {
  readonly file: string;
  readonly line: number;
  readonly kind: 'missing-document' | 'missing-section' | 'outside-repository' | 'work-item';
  readonly text: string;
}

/** What the check needs to know about the repository, by repository-relative path. */
export interface RepositoryView {
  isFile(repoPath: string): boolean;
  /** The headings of a Markdown file, without the leading `#`s. */
  headings(repoPath: string): readonly string[];
}

// Web addresses may name any file anywhere; they are blanked (same length, so columns and lines stay) first.
const url = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]'"`]+/gi;
const markdownFile = /[\w./-]*[\w-]\.md\b/g;
const outside = /\.\.\/shared\b|\/work\/shared\b/g;
const workItem = /\b(?:issue|work[ -]?item)s?\s*#?\s*\d+/gi;
/** What may follow a cited document: `§2.3` (a numbered heading) or `"Name"` (a heading's title). */
const sectionAfter = /^(?:#[\w-]*)?\)?\s*(?:§(\d+(?:\.\d+)*)|\(?"([^"]+)")/;

const plain = (heading: string) => heading.replace(/`/g, '').trim().toLowerCase();
const hasNumbered = (headings: readonly string[], n: string) => headings.some((h) => h.startsWith(n) && /^[.\s]|^$/.test(h.slice(n.length)));
const hasTitled = (headings: readonly string[], title: string) =>
  headings.some((h) => plain(h).replace(/^\d+(?:\.\d+)*\.?\s+/, '').startsWith(plain(title)));

/**
 * Bad references in one file's text. A cited `.md` must resolve relative to the citing file or to the
 * repository root, and a section cited right after it (`§2.3` or `"Title"`) must be one of its headings.
 */
export function findBadReferences(file: string, text: string, repo: RepositoryView): BadReference[] {
  const found: BadReference[] = [];
  const lines = text.replace(url, (m) => ' '.repeat(m.length)).split('\n');
  lines.forEach((content, i) => {
    const line = i + 1;
    for (const m of content.matchAll(markdownFile)) {
      const cited = m[0].replace(/^\.\//, '');
      const candidates = [join(dirname(file), cited), cited].map((p) => p.split(sep).join('/'));
      const target = candidates.find((p) => !p.startsWith('../') && !p.startsWith('/') && repo.isFile(p));
      if (!target) {
        found.push({ file, line, kind: 'missing-document', text: m[0] });
        continue;
      }
      const section = sectionAfter.exec(content.slice((m.index ?? 0) + m[0].length));
      if (!section) continue;
      const headings = repo.headings(target);
      const [, number, title] = section;
      if (number !== undefined ? !hasNumbered(headings, number) : !hasTitled(headings, title as string)) {
        found.push({ file, line, kind: 'missing-section', text: `${m[0]} ${number !== undefined ? `§${number}` : `"${title}"`}` });
      }
    }
    for (const m of content.matchAll(outside)) found.push({ file, line, kind: 'outside-repository', text: m[0] });
    for (const m of content.matchAll(workItem)) found.push({ file, line, kind: 'work-item', text: m[0] });
  });
  return found;
}

const repository: RepositoryView = {
  isFile(repoPath) {
    const full = resolve(root, repoPath);
    return full.startsWith(root + sep) && existsSync(full) && statSync(full).isFile();
  },
  headings(repoPath) {
    return [...readFileSync(join(root, repoPath), 'utf8').matchAll(/^#{1,6}[ \t]+(.+)$/gm)].map((h) => (h[1] as string).trim());
  },
};

const describeBad = (r: BadReference) => `${r.file}:${r.line}: ${r.kind} "${r.text}"`;

describe('documentation references', () => {
  const files = repositoryFiles();

  it('scans the sources, the docs and the configuration, and none of the dependencies', () => {
    for (const expected of ['README.md', 'docs/mrz-formats.md', 'drivers/mrz/td1.ts', 'electron/host/host.ts', 'renderer/src/App.svelte', 'package.json', 'electron-builder.yml', '.ci/run']) {
      expect(files).toContain(expected);
    }
    expect(files.some((f) => f.startsWith('node_modules/') || f.includes('/node_modules/'))).toBe(false);
  });

  it('flags a missing document, a section the document lacks, a path out of the repository and a work item', () => {
    // Built from pieces so that this file does not trip its own scan.
    const md = (name: string) => [name, 'md'].join('.');
    const missing = md('nowhere');
    const sharedDoc = ['..', 'shared', md('style')].join('/');
    const outsidePath = ['..', 'shared'].join('/');
    const item = ['issue', '12'].join(' ');
    const itemWithHash = ['Issue', '#7'].join(' ');
    const text = [
      `/** Layout per docs/${md('mrz-formats')} §2.3 and electron/airline/${md('dcs-http-api')} "Conventions". */`,
      `// see ${missing} §1, or ${sharedDoc}`,
      `// added for ${item}; ${itemWithHash} too`,
      `// https://github.com/example/repo/blob/main/${md('CHANGELOG')} and ${['issues', '34'].join('/')} are addresses, not citations`,
      `// [devices](${md('devices')}) §1.12 resolves next to the citing file; docs/${md('architecture')} "Simulation control" too`,
      `// docs/${md('mrz-formats')} §42 and docs/${md('toolchain')} ("Nowhere") do not`,
    ].join('\n');
    const bad = findBadReferences('docs/example.ts', text, repository).map(describeBad);
    expect(bad).toEqual([
      `docs/example.ts:2: missing-document "${missing}"`,
      `docs/example.ts:2: missing-document "${sharedDoc}"`,
      `docs/example.ts:2: outside-repository "${outsidePath}"`,
      `docs/example.ts:3: work-item "${item}"`,
      `docs/example.ts:3: work-item "${itemWithHash}"`,
      `docs/example.ts:6: missing-section "docs/${md('mrz-formats')} §42"`,
      `docs/example.ts:6: missing-section "docs/${md('toolchain')} "Nowhere""`,
    ]);
  });

  it('every cited document and section exists, nothing points outside the repository, no source names a work item', () => {
    const bad = files.flatMap((file) => {
      const text = readText(file);
      return text === null ? [] : findBadReferences(file, text, repository);
    });
    expect(bad.map(describeBad)).toEqual([]);
  });
});
