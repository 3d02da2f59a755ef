import { isUtf8 } from "node:buffer";
import { readFileSync, readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { compareText } from "../../compare.js";
import type { Problem } from "../problem.js";
import { loadSiteYaml } from "./site-yaml.js";

/** What `site.data` holds: one key per data file or folder. */
export type SiteData = Record<string, unknown>;

// Jekyll lists `*.{yaml,yml,json,csv,tsv}` in this order, then folders; a later one of the same key wins.
const DATA_EXTENSIONS = [".yaml", ".yml", ".json", ".csv", ".tsv"];

/**
 * Jekyll's key for a data file: its name without the extension, ASCII word characters, spaces
 * and `-` kept, spaces inside turned to `_` (so `作者.yml` has the key "", as in Jekyll).
 */
export function dataKey(name: string): string {
  return name.replace(/[^A-Za-z0-9_ \t\r\n\f\v-]+|(?<=^|\b[ \t\r\n\f\v])[ \t\r\n\f\v]+(?=$|[ \t\r\n\f\v]?\b)/g, "").replace(/[ \t\r\n\f\v]+/g, "_");
}

/**
 * A CSV/TSV file as Jekyll's reader gives it (Ruby CSV with headers): one object per row keyed
 * by the first line, an empty unquoted field null, a missing one null, a header named twice
 * keeping its first column, a field past the header under "". A blank line is a row of nulls, as in Jekyll.
 */
function readTable(text: string, delimiter: string): Record<string, string | null>[] {
  const rows = parseCsv(text, {
    delimiter,
    bom: true, // Jekyll keeps a BOM in the first header name; nobody means that
    relax_column_count: true,
    skip_empty_lines: false,
    cast: (value, context) => (value === "" && !context.quoting ? null : value),
  }) as (string | null)[][];
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((row) => {
    const record: Record<string, string | null> = {};
    // a field past the header has no name: Ruby's key is nil, which site.data shows as ""
    row.forEach((value, index) => {
      const key = header[index] ?? "";
      if (!Object.hasOwn(record, key)) record[key] = value;
    });
    for (const name of header) if (!Object.hasOwn(record, name ?? "")) record[name ?? ""] = null;
    return record;
  });
}

function readDataFile(path: string, extension: string): { value: unknown } | { error: string; line?: number } {
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) return { error: "the file is not UTF-8" };
  const text = bytes.toString("utf8");
  if (extension === ".csv" || extension === ".tsv") {
    try {
      return { value: readTable(text, extension === ".csv" ? "," : "\t") };
    } catch (error) {
      return { error: (error as Error).message, line: (error as { lines?: number }).lines };
    }
  }
  // .json too: Jekyll reads it with its YAML reader
  return loadSiteYaml(text);
}

/**
 * `site.data` from the data folder (`_data/`), read as Jekyll 4.3 reads it: yml, yaml, json, csv
 * and tsv files, folders as nested objects, names starting with a dot skipped. A file that does
 * not parse is reported and left out (Jekyll stops the build on it); a symbolic link is never
 * followed, and said so.
 */
export function readSiteData(root: string, dataDir: string, problems: Problem[]): SiteData {
  const data: SiteData = {};
  const walk = (dir: string, into: SiteData) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" || dir !== dataDir) problems.push({ file: dir, severity: "warning", message: `data folder cannot be read (${code ?? "error"})` });
      return;
    }
    const visible = entries.filter((entry) => !entry.name.startsWith(".")).sort((a, b) => compareText(a.name, b.name));
    const files = DATA_EXTENSIONS.flatMap((extension) => visible.filter((entry) => !entry.isDirectory() && entry.name.endsWith(extension)));
    const folders = visible.filter((entry) => entry.isDirectory());
    for (const entry of [...files, ...folders]) {
      const file = `${dir}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        problems.push({ file, severity: "warning", message: "a symbolic link: not followed, so not in site.data (Jekyll outside safe mode would follow it)" });
        continue;
      }
      if (entry.isDirectory()) {
        const nested: SiteData = {};
        into[dataKey(entry.name)] = nested;
        walk(file, nested);
        continue;
      }
      if (!entry.isFile()) continue;
      const extension = DATA_EXTENSIONS.find((e) => entry.name.endsWith(e))!;
      const key = dataKey(entry.name.slice(0, -extension.length));
      if (Object.hasOwn(into, key)) {
        problems.push({ file, severity: "warning", message: `replaces the data of the same name read before it (site.data key "${key}"), as in Jekyll` });
      }
      const read = readDataFile(join(root, file), extension);
      if ("error" in read) {
        problems.push({ file, line: read.line, severity: "error", message: `data file not read: ${read.error} (Jekyll stops the build here; the site is published without it)` });
        delete into[key];
      } else {
        into[key] = read.value;
      }
    }
  };
  walk(dataDir, data);
  return data;
}
