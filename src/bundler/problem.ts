/** Something wrong with one post file: reported on the console and in report.json. */
export interface Problem {
  file: string;
  /** `error`: the post is not published. `warning`: it is, with what was done about it. */
  severity: "error" | "warning";
  message: string;
  /** Line in the file, where known (front matter errors and repairs). */
  line?: number;
}
