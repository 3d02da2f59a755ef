// markdown-it's own abbreviation and definition-list plugins ship no types.
declare module "markdown-it-abbr" {
  import type { PluginSimple } from "markdown-it";
  const abbr: PluginSimple;
  export default abbr;
}
declare module "markdown-it-deflist" {
  import type { PluginSimple } from "markdown-it";
  const deflist: PluginSimple;
  export default deflist;
}
