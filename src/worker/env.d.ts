// The Worker's bindings (wrangler.toml), typed for the Worker and for tests in workerd.
declare namespace Cloudflare {
  interface Env {
    POSTS: KVNamespace;
  }
  interface GlobalProps {
    mainModule: typeof import("./index.js");
  }
}
