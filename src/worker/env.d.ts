// The Worker's bindings (wrangler.toml), typed for the Worker and for tests in workerd.
declare namespace Cloudflare {
  interface Env {
    POSTS: KVNamespace;
    /** Seconds an isolate may serve from the manifest it last read (wrangler.toml [vars]). */
    MANIFEST_TTL_SECONDS?: string;
  }
  interface GlobalProps {
    mainModule: typeof import("./index.js");
  }
}
