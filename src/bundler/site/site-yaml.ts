import { CORE_SCHEMA, Type, YAMLException, load } from "js-yaml";

/**
 * YAML 1.1's booleans as Ruby's Psych reads them (Jekyll's YAML reader): `yes`/`no`/`on`/`off`
 * in any case, besides `true`/`false`. YAML 1.2 (js-yaml's CORE) reads `show_drafts: yes` as
 * the string "yes", which would turn a setting the owner switched on into an error.
 */
const psychBool = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (text: string | null) => text !== null && /^(?:yes|true|on|no|false|off)$/i.test(text),
  construct: (text: string) => /^(?:yes|true|on)$/i.test(text),
  predicate: (value: unknown) => typeof value === "boolean",
  represent: { lowercase: (value: object) => (value.valueOf() ? "true" : "false") },
  defaultStyle: "lowercase",
});

/** YAML 1.1's `<<` merge key (js-yaml's own type, which its typings do not export). */
const mergeKey = new Type("tag:yaml.org,2002:merge", { kind: "scalar", resolve: (text: string | null) => text === "<<" || text === null });

/**
 * The schema for the site owner's own files (`_config.yml`, `_data/*.yml`): CORE, so dates stay
 * the strings written and no `!!js` tag runs, plus what Jekyll's reader also takes there: `<<`
 * merge keys and YAML 1.1 booleans. Anchors and aliases are allowed (Psych allows them in these
 * files, and sites use them for `defaults:`); js-yaml shares an aliased node instead of copying
 * it, so an alias bomb costs no memory here.
 */
export const SITE_YAML_SCHEMA = CORE_SCHEMA.extend({ implicit: [psychBool, mergeKey] });

/** A site file's YAML, or the line (1-based) and words of why it does not parse. */
export function loadSiteYaml(text: string): { value: unknown } | { error: string; line?: number } {
  try {
    // `json: true`: a key written twice keeps its last value, as Psych does, instead of failing
    return { value: load(text.replace(/^\uFEFF/, ""), { schema: SITE_YAML_SCHEMA, json: true }) };
  } catch (error) {
    if (error instanceof YAMLException) {
      return { error: error.reason || error.message, line: error.mark ? error.mark.line + 1 : undefined };
    }
    throw error;
  }
}

/** A YAML mapping (a Ruby Hash): an object, not null, not a list. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
