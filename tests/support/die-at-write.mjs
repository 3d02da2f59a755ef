// node --import ./tests/support/die-at-write.mjs …: a process that kills itself (SIGKILL, nothing
// runs after it) at a point of its file writes chosen by the test, instead of after some milliseconds:
//   DIE_AFTER_BYTES=n  once n bytes have been written (the write that crosses n writes only its first
//                      part): a file cut short mid-write; with DIE_WRITING=<name>, n bytes of the file
//                      of that name (written aside as <name>.<pid>[.tmp]), else n bytes in all;
//   DIE_AT_RENAME=n    just before the n-th rename (a file written aside, not yet in place);
//   WRITES_LOG=<file>  either way, what was written: {"writes":[{file,from,to}…],"renames":[to…],"died":…}.
// It watches the asynchronous writes the bundler makes (fs.write/writev as streams use them, FileHandle
// writes, fs/promises writeFile and rename), not the synchronous ones (bin/publisher.mjs's own build).
import fs from "node:fs";
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const dieAfterBytes = process.env.DIE_AFTER_BYTES ? Number(process.env.DIE_AFTER_BYTES) : undefined;
const dieWriting = process.env.DIE_WRITING;
const dieAtRename = process.env.DIE_AT_RENAME ? Number(process.env.DIE_AT_RENAME) : undefined;
const logFile = process.env.WRITES_LOG;

const log = { writes: [], renames: [], died: null };
const paths = new Map(); // fd → path
let bytes = 0;
let bytesOfNamed = 0;
const named = (file) => file.split("/").at(-1).replace(/\.\d+(\.tmp)?$/, "");

function save() {
  if (logFile) fs.writeFileSync(logFile, JSON.stringify(log));
}

function die(why) {
  log.died = why;
  save();
  process.kill(process.pid, "SIGKILL");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
}

const asBytes = (data, encoding) => (typeof data === "string" ? Buffer.from(data, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

/** Counts `data` as written to `file`; past the limit, writes its part before the limit with `writePart`, then dies. */
function count(file, data, writePart) {
  const last = log.writes.at(-1);
  if (last && last.file === file) last.to += data.byteLength;
  else log.writes.push({ file, from: bytes, to: bytes + data.byteLength });
  bytes += data.byteLength;
  if (dieAfterBytes === undefined || (dieWriting !== undefined && named(file) !== dieWriting)) return;
  const before = bytesOfNamed;
  bytesOfNamed += data.byteLength;
  if (bytesOfNamed >= dieAfterBytes) {
    writePart(data.subarray(0, dieAfterBytes - before));
    die(`after ${dieAfterBytes} bytes, writing ${file}`);
  }
}

function countRename(to) {
  log.renames.push(String(to));
  if (dieAtRename === log.renames.length) die(`before renaming into ${to}`);
}

// fs.open, fs.write and fs.writev: what fs.createWriteStream uses
const { open, write, writev, rename } = fs;
fs.open = function (path, ...rest) {
  const callback = rest.pop();
  return open.call(fs, path, ...rest, (error, fd) => {
    if (!error) paths.set(fd, String(path));
    callback(error, fd);
  });
};
fs.write = function (fd, data, ...rest) {
  // (fd, buffer, offset, length, position, cb) or (fd, string, position, encoding, cb)
  const chunk = typeof data === "string" ? asBytes(data, rest[1]) : asBytes(data).subarray(typeof rest[0] === "number" ? rest[0] : 0, typeof rest[1] === "number" ? rest[0] + rest[1] : undefined);
  count(paths.get(fd) ?? `fd ${fd}`, chunk, (part) => fs.writeSync(fd, part));
  return write.call(fs, fd, data, ...rest);
};
fs.writev = function (fd, buffers, ...rest) {
  count(paths.get(fd) ?? `fd ${fd}`, Buffer.concat(buffers.map((b) => asBytes(b))), (part) => fs.writeSync(fd, part));
  return writev.call(fs, fd, buffers, ...rest);
};
fs.rename = function (from, to, callback) {
  countRename(to);
  return rename.call(fs, from, to, callback);
};

// fs/promises: open (FileHandle writes), writeFile and rename
const { open: openHandle, writeFile, rename: renamePromise } = fsp;
const probe = await openHandle(process.execPath, "r");
const handleProto = Object.getPrototypeOf(probe);
await probe.close();
const handlePaths = new WeakMap();
fsp.open = async function (path, ...rest) {
  const handle = await openHandle.call(fsp, path, ...rest);
  handlePaths.set(handle, String(path));
  return handle;
};
const { write: handleWrite, writev: handleWritev } = handleProto;
handleProto.write = function (data, ...rest) {
  const chunk = typeof data === "string" ? asBytes(data, rest[1]) : asBytes(data).subarray(typeof rest[0] === "number" ? rest[0] : 0, typeof rest[1] === "number" ? rest[0] + rest[1] : undefined);
  count(handlePaths.get(this) ?? `fd ${this.fd}`, chunk, (part) => fs.writeSync(this.fd, part));
  return handleWrite.call(this, data, ...rest);
};
handleProto.writev = function (buffers, ...rest) {
  count(handlePaths.get(this) ?? `fd ${this.fd}`, Buffer.concat(buffers.map((b) => asBytes(b))), (part) => fs.writeSync(this.fd, part));
  return handleWritev.call(this, buffers, ...rest);
};
fsp.writeFile = async function (path, data, options) {
  count(String(path), asBytes(data, typeof options === "string" ? options : options?.encoding), (part) => fs.writeFileSync(path, part));
  return writeFile.call(fsp, path, data, options);
};
fsp.rename = async function (from, to) {
  countRename(to);
  return renamePromise.call(fsp, from, to);
};
syncBuiltinESMExports();
process.on("exit", save);
