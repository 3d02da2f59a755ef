// The Worker's bindings (wrangler.toml), typed for the Worker and for tests in workerd.
declare namespace Cloudflare {
  interface Env {
    POSTS: KVNamespace;
    /** Seconds an isolate may serve from the manifest it last read (wrangler.toml [vars]). */
    MANIFEST_TTL_SECONDS?: string;
    /** This deploy of the Worker (wrangler.toml [version_metadata]): rendered bodies are kept per deploy. */
    CF_VERSION_METADATA?: WorkerVersionMetadata;
  }
  interface GlobalProps {
    mainModule: typeof import("./index.js");
  }
}
