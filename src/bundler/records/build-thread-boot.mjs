// Worker threads do not inherit tsx's loader: register it, then run the TypeScript build thread.
import { register } from "tsx/esm/api";

register();
await import("./build-thread.ts");
