import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface BrokenLink {
  /** The page holding the link, relative to the root. */
  file: string;
  line: number;
  target: string;
  reason: string;
}

/** Markdown without its fenced code blocks and inline code, where brackets are not links; lines keep their numbers. */
function withoutCode(text: string): string[] {
  let fence: string | null = null;
  return text.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return '';
    }
    if (marker) {
      fence = marker;
      return '';
    }
    return line.replace(/(`+)(?:(?!\1).)*?\1/g, '');
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence ? null : marker;
      continue;
    }
    const heading = fence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined || heading === null) continue;
    const text = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The relative links and anchors of one page that lead nowhere: a missing file, or no heading with that anchor. */
export function brokenLinks(root: string, file: string): BrokenLink[] {
  const full = path.join(root, file);
  const broken: BrokenLink[] = [];
  withoutCode(readFileSync(full, 'utf8')).forEach((line, index) => {
    for (const match of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
      const [pathPart = '', anchor] = target.split('#');
      const linked = pathPart ? path.resolve(path.dirname(full), decodeURI(pathPart)) : full;
      const report = (reason: string) => broken.push({ file, line: index + 1, target, reason });
      if (!existsSync(linked)) {
        report('no such file');
        continue;
      }
      if (anchor === undefined) continue;
      if (statSync(linked).isDirectory() || !linked.endsWith('.md')) report('an anchor into a file that is not Markdown');
      else if (!headingAnchors(readFileSync(linked, 'utf8')).has(anchor)) report(`no heading with the anchor #${anchor}`);
    }
  });
  return broken;
}
