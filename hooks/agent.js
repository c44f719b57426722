// appaudit's Frida agent: hooks the ontology's data-type APIs, permission requests, consent events and
// activity lifecycle, on Android (ART) and on the local HotSpot JVM (hostjvm backend).
//
// The hook targets are NOT listed here: Python posts the ontology's APIs (appaudit/data/datatypes.toml)
// through `rpc.exports.init(config)` before the target resumes. This file only knows the mechanisms
// through which a kind of API is observed (a content URI through ContentResolver.query, a file through
// the java.io constructors and libc open, a command through Runtime.exec / ProcessBuilder.start ...).
//
// Messages (schema SCHEMA) sent to Python, one per event, keyed by `ev`:
//   ready, hook_failed (once per target), read, permission_request, start_other, consent, refusal,
//   lifecycle, sandbox (hostjvm: a command answered, a write or connect attempt), error.
import Java from "frida-java-bridge";
// The bridge's own type table (package.json pins its version): see the boolean default below.
import { getPrimitiveType } from "frida-java-bridge/lib/types.js";

const SCHEMA = 1;
const T0 = Date.now();
const MAX_VALUE = 4096;

let config = null;
let installed = false;
const failedOnce = new Set();
const hookedTargets = new Set(); // class.member replaced, for the `ready` message
// Per-thread nesting depth per hook group: an overload that delegates to another overload (or
// FileReader -> FileInputStream, Runtime.exec -> ProcessBuilder.start) is reported once, outermost.
const depth = new Map();
// Threads currently inside a Java file hook: the libc open() they cause is the same read.
const inJavaFile = new Set();
const keepAlive = [];
// Threads running agent code (rendering a value calls toString(), which may call hooked getters):
// hooks fired from there are the agent's own doing and are not reported.
const busy = new Set();

// Wrappers used inside hooks, resolved once at install time (hooks run often; a lookup by name each
// time is wasted work, and see resolveWrappers for why lookups inside hooks are fragile).
const J = {};

// The bridge answers a replaced boolean method whose original threw with its boolean type's default, `false`,
// where the native callback wants a number: a script error ("expected an unsigned integer") although the app got
// its exception back (a click listener throwing through View.performClick, an OAID isSupported()). Each method's
// type is a copy of this entry, made when the method is first used: set here, before any, 0 (the same answer)
// mends every replacement.
getPrimitiveType("boolean").defaultValue = 0;

function useOptional(name) {
  try {
    return Java.use(name);
  } catch (e) {
    return null;
  }
}

function resolveWrappers() {
  // The bridge keeps 10 class handles (LRU) and re-finds evicted ones with JNI FindClass, which inside
  // a hook on a boot class (Field.get) searches the boot loader only: NoClassDefFoundError for app and
  // stub classes. We hold ~100 hooked classes, so keep every handle.
  const handles = Java.classFactory._classHandles;
  if (handles !== undefined && typeof handles.capacity === "number") handles.capacity = 100000;
  J.Thread = Java.use("java.lang.Thread");
  J.Objects = Java.use("java.util.Objects");
  J.Class = Java.use("java.lang.Class");
  J.forName = J.Class.forName.overload("java.lang.String", "boolean", "java.lang.ClassLoader");
  J.Cursor = useOptional("android.database.Cursor");
  J.TextView = useOptional("android.widget.TextView");
}

function now() {
  return (Date.now() - T0) / 1000;
}

function emit(ev, fields) {
  const msg = Object.assign({ v: SCHEMA, ev: ev, t: now() }, fields);
  send(msg);
}

// A Java exception raised by the agent's own calls must not reach the app: the hook is an observer.
function clearPending() {
  try {
    Java.vm.getEnv().exceptionClear();
  } catch (e) {
    /* no env on this thread */
  }
}

function failOnce(target, reason) {
  if (failedOnce.has(target)) return;
  failedOnce.add(target);
  emit("hook_failed", { target: target, reason: String(reason).split("\n")[0].slice(0, 300) });
}

function enter(group) {
  const key = Process.getCurrentThreadId() + "|" + group;
  const d = depth.get(key) || 0;
  depth.set(key, d + 1);
  return d === 0;
}

function leave(group) {
  const key = Process.getCurrentThreadId() + "|" + group;
  const d = (depth.get(key) || 1) - 1;
  if (d === 0) depth.delete(key);
  else depth.set(key, d);
}

// ------------------------------------------------------------------ values and stacks

function hex2(b) {
  return ((b & 0xff) + 0x100).toString(16).slice(1);
}

function render(v) {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === "string") return v.slice(0, MAX_VALUE);
  if (t === "number" || t === "boolean") return String(v);
  // A Java byte[] (NetworkInterface.getHardwareAddress) reads as a MAC: aa:bb:cc:dd:ee:ff.
  if (Array.isArray(v) || (t === "object" && typeof v.length === "number" && v.$className === undefined)) {
    const items = Array.prototype.slice.call(v, 0, 256);
    if (items.length > 0 && items.every((x) => typeof x === "number" && Number.isInteger(x) && x >= -128 && x < 256)) {
      return items.map(hex2).join(":");
    }
    return JSON.stringify(items.map((x) => render(x))).slice(0, MAX_VALUE);
  }
  // A Java object: its own toString() through a static call (a wrapper typed as an interface, e.g.
  // List, would otherwise get JavaScript's "[object Object]").
  try {
    return String(J.Objects.toString(v)).slice(0, MAX_VALUE);
  } catch (e) {
    return String(v).slice(0, MAX_VALUE);
  }
}

function javaStack(skipClass, skipMember) {
  const frames = J.Thread.currentThread().getStackTrace();
  const out = [];
  for (let i = 0; i < frames.length && out.length < 80; i++) {
    let s = String(frames[i].toString());
    const slash = s.indexOf("/");
    const paren = s.indexOf("(");
    if (slash !== -1 && slash < paren) s = s.slice(slash + 1); // "java.base/java.lang.X.m(...)"
    out.push(s);
  }
  // Drop getStackTrace and the replaced method's own frames (the bridge shows them as native).
  const prefix = skipClass + "." + skipMember + "(";
  let start = 0;
  for (let i = 0; i < out.length && i < 16; i++) {
    if (out[i].startsWith("java.lang.Thread.getStackTrace(") || out[i].startsWith(prefix)) start = i + 1;
    else if (start > 0) break;
  }
  return out.slice(start, start + 64);
}

function threadName() {
  try {
    return J.Thread.currentThread().getName();
  } catch (e) {
    return "tid-" + Process.getCurrentThreadId();
  }
}

// ------------------------------------------------------------------ matching helpers

function globToRegExp(glob) {
  const esc = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]+");
  return new RegExp("^" + esc + "$");
}

function argString(a) {
  if (a === null || a === undefined) return null;
  try {
    return String(a.toString());
  } catch (e) {
    return String(a);
  }
}

// ------------------------------------------------------------------ generic hook installation

function overloadsOf(cls, member) {
  const C = Java.use(cls);
  const m = C[member];
  if (m === undefined || m.overloads === undefined) throw new Error("no method " + member);
  return m.overloads;
}

// Run the agent's own work FN (reporting a call) marked busy on this thread, so that hooks it triggers
// are not reported; an error in it becomes an `error` event and is never thrown into the app.
function asAgent(where, fn) {
  const tid = Process.getCurrentThreadId();
  busy.add(tid);
  try {
    fn();
  } catch (e) {
    clearPending();
    emit("error", { where: where, message: String(e.stack || e).slice(0, 1000) });
  } finally {
    busy.delete(tid);
  }
}

// Replace every overload of cls.member; `onCall(self, args, ret, overload)` runs after the original
// returns (so that the app sees no difference) and only for the outermost call of `group`.
function hookAll(cls, member, group, onCall, before) {
  const target = cls + "." + member;
  let overloads;
  try {
    overloads = overloadsOf(cls, member);
  } catch (e) {
    failOnce(target, e);
    return 0;
  }
  let n = 0;
  for (const ov of overloads) {
    try {
      ov.implementation = function (...args) {
        if (busy.has(Process.getCurrentThreadId())) return ov.apply(this, args);
        const outer = enter(group);
        let ret;
        let failure = null;
        try {
          if (outer && before) asAgent(target, () => before(this, args, ov));
          ret = ov.apply(this, args);
        } catch (e) {
          failure = e; // the app gets its exception back below; the attempt is still a read
        } finally {
          leave(group);
        }
        if (outer) {
          asAgent(target, () =>
            onCall(this, args, failure === null ? ret : null, ov, failure === null ? null : describe(failure))
          );
        }
        if (failure !== null) throw failure;
        return ret;
      };
      n++;
      hookedTargets.add(target);
    } catch (e) {
      failOnce(target + ov.argumentTypes.map((t) => t.className).join(","), e);
    }
  }
  return n;
}

function describe(e) {
  try {
    if (e.$h !== undefined) return String(J.Objects.toString(e)).slice(0, 300); // a Java throwable
  } catch (x) {
    /* fall through */
  }
  return String(e.message || e).slice(0, 300);
}

// `error` is set when the hooked call threw (SecurityException without the permission, a missing file):
// the app tried to read, which is what the audit is about.
function sendRead(api, value, stack, extra, error) {
  const fields = {
    data_type: api.data_type,
    api: api.label,
    kind: api.kind,
    value: value,
    stack: stack,
    thread: threadName(),
  };
  if (extra) Object.assign(fields, extra);
  if (error) fields.error = error;
  emit("read", fields);
}

// ------------------------------------------------------------------ ontology APIs by kind

function isInterface(cls) {
  try {
    return Boolean(Java.use(cls).class.isInterface());
  } catch (e) {
    return false;
  }
}

// One replacement per class.method; at call time the most specific API of the group wins (an
// argument-filtered entry before an unfiltered one: getLastKnownLocation("network") is coarse).
function hookMethodGroup(cls, member, group, key) {
  return hookAll(cls, member, key, function (self, args, ret, ov, error) {
    let hit = null;
    for (const a of group) {
      if (a.arg_index === null || a.arg_index === undefined) continue;
      if (argString(args[a.arg_index]) === a.arg_equals) {
        hit = a;
        break;
      }
    }
    if (hit === null) hit = group.find((a) => a.arg_index === null || a.arg_index === undefined) || null;
    if (hit === null) return;
    sendRead(hit, render(ret), javaStack(cls, member), { args: args.map((x) => render(x)).slice(0, 4) }, error);
  });
}

// An API declared on an interface (com.bun.miitmdid.interfaces.IdSupplier.getOAID) runs in the classes
// that implement it, which are usually loaded later: hook those already loaded, then each one as the
// class loader returns it (HotSpot resolves app classes through ClassLoader.loadClass).
const pendingInterfaces = [];
const hookedImpl = new Set();

function hookImplementation(klass) {
  const name = String(klass.getName());
  for (const p of pendingInterfaces) {
    const key = name + "|" + p.key;
    if (hookedImpl.has(key) || !p.iface.isAssignableFrom(klass) || Boolean(klass.isInterface())) continue;
    hookedImpl.add(key);
    try {
      const loader = klass.getClassLoader();
      // Replacing a method of a class that is not linked yet corrupts the VM: link it first.
      J.forName.call(J.Class, name, true, loader);
      const factory = loader === null ? Java.classFactory : Java.ClassFactory.get(loader);
      const C = factory.use(name);
      if (C[p.member] === undefined) continue;
      for (const ov of C[p.member].overloads) {
        const group = p.group;
        const member = p.member;
        ov.implementation = function (...args) {
          const ret = ov.apply(this, args);
          if (busy.has(Process.getCurrentThreadId())) return ret;
          asAgent(name + "." + member, () =>
            sendRead(group[0], render(ret), javaStack(name, member), { implementation: name })
          );
          return ret;
        };
      }
    } catch (e) {
      failOnce(name + "." + p.member, e);
    }
  }
}

// Implementations are looked for lazily, by class name, only under the watched prefixes: the top two
// package levels of each hooked interface (com.bun. for com.bun.miitmdid.interfaces.IdSupplier) plus
// config.class_watch.extra_prefixes. A name is a string compare; nothing is Java.use'd unless it matches.
let watchPrefixes = [];
let skipPrefixes = [];

function computeWatchPrefixes() {
  const cw = config.class_watch || {};
  const out = new Set(cw.extra_prefixes || []);
  for (const p of pendingInterfaces) out.add(p.ifaceName.split(".").slice(0, 2).join(".") + ".");
  watchPrefixes = Array.from(out);
  skipPrefixes = cw.skip_prefixes || [];
}

function watched(name) {
  if (!watchPrefixes.some((p) => name.startsWith(p))) return false;
  return !skipPrefixes.some((p) => name.startsWith(p));
}

const scannedClasses = new Set();

function hookByName(name) {
  if (scannedClasses.has(name)) return;
  scannedClasses.add(name);
  try {
    hookImplementation(Java.cast(Java.use(name).class, J.Class));
  } catch (e) {
    /* not visible through the app's loader, or not an SDK implementation */
  }
}

function scanLoadedImplementations() {
  for (const name of Java.enumerateLoadedClassesSync()) {
    if (!scannedClasses.has(name) && watched(name)) hookByName(name);
  }
}

// The art::ClassLinker::DefineClass(Thread*, const char* descriptor, size_t hash, ...) symbol of libart:
// every class a dex class loader defines passes through it, natively (no Java call to hook on ART).
function artDefineClass() {
  const art = Process.findModuleByName("libart.so");
  if (art === null) return null;
  const wanted = (name) => name.indexOf("ClassLinker11DefineClassEPNS_6ThreadEPKc") !== -1;
  for (const list of [() => art.enumerateExports(), () => art.enumerateSymbols()]) {
    try {
      for (const s of list()) if (s.type === "function" && wanted(s.name)) return s.address;
    } catch (e) {
      /* stripped or unreadable libart */
    }
  }
  return null;
}

// ART: never on the app's main thread (Java.perform's callback runs there while the app binds, where a
// scan of every loaded class risked an ANR). A native hook on DefineClass only compares the descriptor
// with the watched prefixes and queues the name; Frida's own thread hooks the queued classes. Without
// the symbol, a prefix-filtered scan runs on Frida's thread after a delay and then periodically.
function installArtClassWatch() {
  // Even finding the symbol walks libart's export table: do all of it on Frida's thread.
  setTimeout(() => {
    try {
      armArtClassWatch();
    } catch (e) {
      emit("error", { where: "class_watch", message: String(e.stack || e).slice(0, 1000) });
    }
  }, 0);
  return 1;
}

function armArtClassWatch() {
  const cw = config.class_watch || {};
  const queue = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const names = queue.splice(0, queue.length);
    Java.perform(() => names.forEach(hookByName));
  };
  const define = artDefineClass();
  if (define !== null) {
    Interceptor.attach(define, {
      onEnter(args) {
        let d;
        try {
          d = args[2].readCString();
        } catch (e) {
          return;
        }
        if (d === null || d.charAt(0) !== "L") return;
        const name = d.slice(1, -1).split("/").join(".");
        if (!watched(name)) return;
        queue.push(name);
        if (!scheduled) {
          scheduled = true;
          setTimeout(flush, 50); // after DefineClass returned: the class is then complete
        }
      },
    });
    Java.perform(scanLoadedImplementations); // those defined before the hook
    emit("class_watch", { mode: "native DefineClass", prefixes: watchPrefixes });
    return;
  }
  const tick = () => {
    Java.perform(scanLoadedImplementations);
    setTimeout(tick, cw.scan_interval_ms || 5000);
  };
  setTimeout(tick, cw.scan_delay_ms || 1500);
  emit("class_watch", { mode: "periodic scan", prefixes: watchPrefixes });
}

function installInterfaceWatch() {
  if (pendingInterfaces.length === 0) return 0;
  computeWatchPrefixes();
  if (Process.findModuleByName("libart.so") !== null) return installArtClassWatch();
  // HotSpot defines every app class through the final ClassLoader.defineClass (final: no vtable copy in
  // a subclass can bypass the hook); the name is checked before any Java work.
  return hookAll("java.lang.ClassLoader", "defineClass", "defineClass", function (self, args, ret) {
    const name = typeof args[0] === "string" ? args[0] : "";
    if (ret === null || !watched(name)) return;
    scannedClasses.add(name);
    hookImplementation(ret);
  });
}

function installMethodApis(apis) {
  const byMethod = new Map();
  for (const a of apis) {
    const key = a.class + "." + a.member;
    if (!byMethod.has(key)) byMethod.set(key, []);
    byMethod.get(key).push(a);
  }
  let n = 0;
  for (const [key, group] of byMethod) {
    const cls = group[0].class;
    const member = group[0].member;
    if (isInterface(cls)) {
      pendingInterfaces.push({ iface: Java.use(cls).class, ifaceName: cls, member: member, group: group, key: key });
      hookedTargets.add(key + " (implementations)");
      n++;
      continue;
    }
    n += hookMethodGroup(cls, member, group, key);
  }
  return n;
}

function installFieldApis(apis) {
  // Direct static reads (getstatic / sget) run no method that Frida could replace. Reflection does:
  // Field.get*(...) on android.os.Build.SERIAL is what SDKs use to dodge static scanners.
  // Where the runtime offers an accessor method `<FIELD>$read` (the hostjvm stubs do, with the
  // harness rewriting getstatic into a call), it is hooked too.
  const wanted = new Map();
  for (const a of apis) wanted.set(a.class + "#" + a.member, a);
  const names = new Set(apis.map((a) => a.member));
  let n = 0;
  const getters = ["get", "getInt", "getLong", "getBoolean"];
  for (const g of getters) {
    n += hookAll("java.lang.reflect.Field", g, "Field.get", function (self, args, ret, ov, error) {
      // Field.get is hot in apps that use reflection (JSON mappers): compare the name first.
      const name = String(self.getName());
      if (!names.has(name)) return;
      const a = wanted.get(self.getDeclaringClass().getName() + "#" + name);
      if (a === undefined) return;
      sendRead(a, render(ret), javaStack("java.lang.reflect.Field", g), { via: "reflection" }, error);
    });
  }
  for (const a of apis) {
    let C;
    try {
      C = Java.use(a.class);
    } catch (e) {
      failOnce(a.class + "." + a.member, e);
      continue;
    }
    const accessor = a.member + "$read";
    if (C[accessor] === undefined) continue;
    n += hookAll(a.class, accessor, a.class + "." + accessor, function (self, args, ret) {
      sendRead(a, render(ret), javaStack(a.class, accessor), { via: "static" });
    });
  }
  return n;
}

function matchFile(path, fileApis) {
  for (const f of fileApis) if (f.re.test(path)) return f.api;
  return null;
}

// The value of a file read is the file's content, read here (the agent's own open() must not count).
function readSmallFile(path) {
  const tid = Process.getCurrentThreadId();
  const had = inJavaFile.has(tid);
  inJavaFile.add(tid);
  try {
    return File.readAllText(path).trim().slice(0, MAX_VALUE);
  } catch (e) {
    return null;
  } finally {
    if (!had) inJavaFile.delete(tid);
  }
}

function installFileApis(apis) {
  const fileApis = apis.map((a) => ({ api: a, re: globToRegExp(a.target) }));
  const overlay = config.file_overlay || {};
  const specs = [
    ["java.io.FileInputStream", "$init"],
    ["java.io.FileReader", "$init"],
    ["java.io.RandomAccessFile", "$init"],
  ];
  let n = 0;
  for (const [cls, member] of specs) {
    n += hookAll(
      cls,
      member,
      "file",
      function (self, args, ret, ov, error) {
        inJavaFile.delete(Process.getCurrentThreadId());
        const a0 = args[0];
        if (a0 === null || a0 === undefined) return;
        let path;
        try {
          path = a0.$className === "java.io.File" ? a0.getPath() : argString(a0);
        } catch (e) {
          return;
        }
        const api = matchFile(path, fileApis);
        if (api === null) return;
        const value = error ? null : readSmallFile(overlay[path] || path);
        sendRead(api, value, javaStack(cls, "<init>"), { path: path }, error);
      },
      function () {
        inJavaFile.add(Process.getCurrentThreadId());
      }
    );
  }
  n += installNativeFiles(fileApis, overlay);
  return n;
}

// The Java stack of a Java thread in native code (java.nio, JNI libraries) names the caller; a pure
// native thread has none, then the native backtrace (library names) is what attribution gets.
function nativeCallerStack(context) {
  let stack = [];
  if (installed && J.Thread !== undefined) {
    try {
      Java.performNow(() => {
        if (Java.vm.tryGetEnv() !== null) stack = javaStack("java.lang.Thread", "getStackTrace");
      });
    } catch (e) {
      stack = [];
    }
  }
  if (stack.length > 0) return stack;
  return Thread.backtrace(context, Backtracer.FUZZY)
    .slice(0, 16)
    .map((p) => DebugSymbol.fromAddress(p).toString());
}

function installNativeFiles(fileApis, overlay) {
  // libc open/openat/fopen: reads from native code, and the place where the hostjvm backend serves
  // the device profile's files (the overlay) in place of the host's own /sys and /proc.
  const fns = [
    ["open", 0],
    ["open64", 0],
    ["openat", 1],
    ["openat64", 1],
    ["fopen", 0],
    ["fopen64", 0],
    ["__open_2", 0],
  ];
  let n = 0;
  const seen = new Set();
  for (const [name, idx] of fns) {
    let addr = null;
    try {
      addr = Module.findGlobalExportByName(name);
    } catch (e) {
      addr = null;
    }
    if (addr === null || seen.has(addr.toString())) continue;
    seen.add(addr.toString());
    Interceptor.attach(addr, {
      onEnter(args) {
        let path;
        try {
          path = args[idx].readUtf8String();
        } catch (e) {
          return;
        }
        if (path === null) return;
        const sub = overlay[path];
        if (sub !== undefined) {
          const mem = Memory.allocUtf8String(sub);
          keepAlive.push(mem);
          if (keepAlive.length > 256) keepAlive.shift();
          args[idx] = mem;
        }
        if (inJavaFile.has(this.threadId)) return;
        const api = matchFile(path, fileApis);
        if (api === null) return;
        sendRead(api, readSmallFile(sub || path), nativeCallerStack(this.context), { path: path, native: name });
      },
    });
    n++;
  }
  return n;
}

function commandOf(args, ov) {
  const a0 = args[0];
  if (a0 === null || a0 === undefined) return null;
  if (typeof a0 === "string") return a0;
  try {
    return Array.prototype.slice.call(a0).map(String).join(" ");
  } catch (e) {
    return argString(a0);
  }
}

function installCommandApis(apis) {
  const cmdApis = apis.slice().sort((x, y) => y.target.length - x.target.length);
  const match = (cmd) => cmdApis.find((a) => cmd.trim().startsWith(a.target)) || null;
  let n = hookAll("java.lang.Runtime", "exec", "exec", function (self, args, ret, ov, error) {
    const cmd = commandOf(args, ov);
    if (cmd === null) return;
    const a = match(cmd);
    if (a !== null) sendRead(a, null, javaStack("java.lang.Runtime", "exec"), { command: cmd }, error);
  });
  n += hookAll("java.lang.ProcessBuilder", "start", "exec", function (self, args, ret, ov, error) {
    // List.toString() through a static call: calling List methods on the wrapper fails on HotSpot.
    const text = String(J.Objects.toString(self.command()));
    const cmd = text.replace(/^\[/, "").replace(/\]$/, "").split(", ").join(" ");
    const a = match(cmd);
    if (a !== null) sendRead(a, null, javaStack("java.lang.ProcessBuilder", "start"), { command: cmd }, error);
  });
  return n;
}

function installPropertyApis(apis) {
  // android.os.SystemProperties is hidden: apps reach it by reflection, which still ends in get().
  const byName = new Map(apis.map((a) => [a.target, a]));
  return hookAll("android.os.SystemProperties", "get", "SystemProperties.get", function (self, args, ret, ov, error) {
    const a = byName.get(argString(args[0]));
    if (a !== undefined) sendRead(a, render(ret), javaStack("android.os.SystemProperties", "get"), {}, error);
  });
}

// The value of a provider query is its first row (an OAID provider answers one row, one column); the
// cursor is put back before its first row, where the app expects it.
function firstRow(ret) {
  if (ret === null || ret === undefined) return null;
  try {
    const c = Java.cast(ret, J.Cursor);
    const out = [];
    if (c.moveToFirst()) {
      const n = Math.min(c.getColumnCount(), 16);
      for (let i = 0; i < n; i++) {
        const v = c.getString(i);
        if (v !== null) out.push(String(v));
      }
    }
    c.moveToPosition(-1);
    return out.length === 0 ? null : out.join(",").slice(0, MAX_VALUE);
  } catch (e) {
    return null;
  }
}

function installContentUriApis(apis) {
  const uriApis = apis.slice().sort((x, y) => y.target.length - x.target.length);
  return hookAll("android.content.ContentResolver", "query", "ContentResolver.query", function (self, args, ret, ov, error) {
    const uri = argString(args[0]);
    if (uri === null) return;
    const a = uriApis.find((x) => uri.startsWith(x.target));
    if (a !== undefined) {
      sendRead(a, firstRow(ret), javaStack("android.content.ContentResolver", "query"), { uri: uri }, error);
    }
  });
}

function intentTargets(intent) {
  const out = [];
  if (intent === null || intent === undefined) return out;
  for (const getter of ["getAction", "getPackage"]) {
    try {
      const v = intent[getter]();
      if (v !== null) out.push(String(v));
    } catch (e) {
      /* the stub Intent may lack the getter */
    }
  }
  try {
    const c = intent.getComponent();
    if (c !== null) out.push(String(c.getPackageName()), String(c.getClassName()));
  } catch (e) {
    /* no component */
  }
  return out;
}

function intentPackage(intent) {
  if (intent === null || intent === undefined) return null;
  try {
    const p = intent.getPackage();
    if (p !== null) return String(p);
  } catch (e) {
    /* the stub Intent may lack the getter */
  }
  try {
    const c = intent.getComponent();
    if (c !== null) return String(c.getPackageName());
  } catch (e) {
    /* no component */
  }
  return null;
}

function installServiceApis(apis) {
  const byTarget = new Map(apis.map((a) => [a.target, a]));
  const own = config.package || "";
  let n = 0;
  // bindService is also a data read when it targets an OAID service; any of these calls on another
  // package's component is an associated start (rules.md SELF_START / ASSOCIATED_START).
  for (const cls of ["android.content.ContextWrapper", "android.app.ContextImpl"]) {
    for (const member of ["bindService", "startService", "startForegroundService", "startActivity"]) {
      n += hookAll(cls, member, "start:" + member, function (self, args, ret, ov, error) {
        const intent = args[0];
        if (member === "bindService") {
          for (const t of intentTargets(intent)) {
            const a = byTarget.get(t);
            if (a !== undefined) {
              sendRead(a, null, javaStack(cls, member), { intent: t }, error);
              break;
            }
          }
        }
        const pkg = intentPackage(intent);
        if (pkg !== null && pkg !== own) {
          let component = null;
          try {
            const c = intent.getComponent();
            if (c !== null) component = String(c.getClassName());
          } catch (e) {
            /* no component */
          }
          emit("start_other", {
            method: member,
            target_package: pkg,
            component: component,
            stack: javaStack(cls, member),
            thread: threadName(),
          });
        }
      });
    }
  }
  return n;
}

// ------------------------------------------------------------------ permissions, consent, lifecycle

function installPermissionHooks() {
  let n = 0;
  const report = (perms, cls, member) => {
    const list = perms === null || perms === undefined ? [] : Array.prototype.slice.call(perms).map(String);
    emit("permission_request", { permissions: list, stack: javaStack(cls, member), thread: threadName() });
  };
  n += hookAll("android.app.Activity", "requestPermissions", "perm", (self, args) =>
    report(args[0], "android.app.Activity", "requestPermissions")
  );
  n += hookAll("androidx.core.app.ActivityCompat", "requestPermissions", "perm", (self, args) =>
    report(args[1], "androidx.core.app.ActivityCompat", "requestPermissions")
  );
  return n;
}

function truthy(v) {
  const s = render(v);
  return !(s === null || s === "false" || s === "0" || s === "");
}

function installConsentHooks() {
  let n = 0;
  const c = config.consent || {};
  // The refusal hook is the app's refusal action (the dialog's decline button handler): everything
  // after it is read against the user's refusal (rules.md COLLECTION_AFTER_REFUSAL).
  for (const [ev, target] of [
    ["consent", c.hook],
    ["refusal", c.refusal_hook],
  ]) {
    if (!target) continue;
    const dot = target.lastIndexOf(".");
    const cls = target.slice(0, dot);
    const member = target.slice(dot + 1);
    n += hookAll(
      cls,
      member,
      `${ev}-hook`,
      function () {},
      function () {
        emit(ev, { method: "hook", target, stack: javaStack(cls, member) });
      }
    );
  }
  if (c.pref_key) {
    for (const cls of c.pref_editor_classes || []) {
      for (const put of ["putBoolean", "putString", "putInt", "putLong"]) {
        n += hookAll(cls, put, "pref", function (self, args) {
          if (argString(args[0]) !== c.pref_key) return;
          const ev = truthy(args[1]) ? "consent" : "refusal";
          emit(ev, { method: "prefs", target: c.pref_key, value: render(args[1]), stack: javaStack(cls, put) });
        });
      }
    }
  }
  n += installDialogConsent(c);
  n += installWebViewConsent(c);
  return n;
}

// ------------------------------------------------------------------ consent by the dialog's words

// Texts shown recently that give a generic button ("OK", "确定", "继续") a privacy context: an
// AlertDialog's message reaches the screen through TextView.setText. Only texts holding a context
// word are kept (bounded), so the hook costs a lowercase and a few substring tests per call (the word
// lists arrive lower-cased: ConsentSettings.to_agent).
const contextTexts = [];

function lower(v) {
  return String(v).trim().toLowerCase();
}

// Trailing punctuation and spaces do not change a button's meaning: "OK!" and "继续 >" are "ok", "继续".
function buttonText(text) {
  return lower(text).replace(/[\s!！。.,，>》→]+$/u, "").replace(/^[\s<《]+/u, "");
}

function hasContextWord(text, c) {
  const low = lower(text);
  return (c.context_words || []).some((w) => low.includes(w));
}

function rememberContext(text, c) {
  if (!text || !hasContextWord(text, c)) return;
  contextTexts.push({ t: now(), text: String(text).slice(0, 200) });
  if (contextTexts.length > 32) contextTexts.shift();
}

// The texts of the clicked view's window (ART: the root view's TextViews, bounded), where reachable.
function windowTexts(view) {
  const out = [];
  try {
    const ViewGroup = useOptional("android.view.ViewGroup");
    const stack = [view.getRootView()];
    let seen = 0;
    while (stack.length > 0 && seen < 300) {
      const v = stack.pop();
      seen++;
      if (v === null) continue;
      if (J.TextView !== null && J.TextView.class.isInstance(v)) {
        out.push(String(J.Objects.toString(Java.cast(v, J.TextView).getText())));
      }
      if (ViewGroup !== null && ViewGroup.class.isInstance(v)) {
        const g = Java.cast(v, ViewGroup);
        for (let i = 0; i < g.getChildCount(); i++) stack.push(g.getChildAt(i));
      }
    }
  } catch (e) {
    /* no view tree here (hostjvm stubs): the recent texts decide */
  }
  return out;
}

function privacyContext(view, c) {
  const since = now() - (c.context_window_s || 60);
  const recent = contextTexts.filter((x) => x.t >= since).map((x) => x.text);
  const found = recent.concat(windowTexts(view).filter((t) => hasContextWord(t, c)));
  return found.length > 0 ? found[found.length - 1] : null;
}

// A click's meaning: refusal words first ("不同意" holds "同意"), then accept words anywhere in the
// text, then generic texts matched whole and only in a privacy context.
function classifyClick(text, view, c) {
  const low = lower(text);
  if ((c.refusal_words || []).some((w) => low.includes(w))) return { ev: "refusal" };
  if ((c.dialog_words || []).some((w) => low.includes(w))) return { ev: "consent" };
  const bare = buttonText(text);
  if ((c.context_accept_words || []).some((w) => bare === w)) {
    const ctx = privacyContext(view, c);
    if (ctx !== null) return { ev: "consent", context: ctx.slice(0, 120) };
  }
  return null;
}

function installDialogConsent(c) {
  if ((c.dialog_words || []).length === 0) return 0;
  let n = 0;
  if ((c.context_accept_words || []).length > 0) {
    n += hookAll("android.widget.TextView", "setText", "setText", function (self, args) {
      if (args.length > 0 && args[0] !== null && args[0] !== undefined) rememberContext(J.Objects.toString(args[0]), c);
    });
  }
  // A dialog button is a TextView; its click ends in View.performClick on Android.
  n += hookAll(
    "android.view.View",
    "performClick",
    "click",
    function () {},
    function (self) {
      let text;
      try {
        text = String(J.Objects.toString(Java.cast(self, J.TextView).getText())).trim();
      } catch (e) {
        return;
      }
      const hit = classifyClick(text, self, c);
      if (hit === null) return;
      const fields = { method: "dialog", target: text, stack: [] };
      if (hit.context) fields.context = hit.context;
      emit(hit.ev, fields);
    }
  );
  return n;
}

// A privacy page in a WebView answers through the app: loadUrl("javascript:agree()") /
// evaluateJavascript from a native button, or a @JavascriptInterface method the page calls
// (window.bridge.onAgree()). Refusal words first: "disagree" holds "agree".
function webViewMeaning(name, c) {
  const low = lower(name);
  if ((c.webview_refuse || []).some((w) => low.includes(w))) return "refusal";
  if ((c.webview_accept || []).some((w) => low.includes(w))) return "consent";
  return null;
}

function installWebViewConsent(c) {
  if ((c.webview_accept || []).length === 0) return 0;
  let n = 0;
  for (const member of ["loadUrl", "evaluateJavascript"]) {
    n += hookAll("android.webkit.WebView", member, "webview", function (self, args) {
      const script = argString(args[0]) || "";
      if (member === "loadUrl" && !script.startsWith("javascript:")) return;
      // The called functions' names: "javascript:window.agreePrivacy()" -> agreePrivacy.
      const names = script.match(/[A-Za-z_$][\w$]*(?=\s*\()/g) || [];
      for (const name of names) {
        const ev = webViewMeaning(name, c);
        if (ev !== null) {
          emit(ev, { method: "webview", target: script.slice(0, 200), stack: javaStack("android.webkit.WebView", member) });
          return;
        }
      }
    });
  }
  n += hookAll("android.webkit.WebView", "addJavascriptInterface", "webview-bridge", function (self, args) {
    const obj = args[0];
    if (obj === null || obj === undefined) return;
    const cls = String(obj.getClass().getName());
    for (const m of obj.getClass().getDeclaredMethods()) {
      const name = String(m.getName());
      const ev = webViewMeaning(name, c);
      if (ev === null || hookedTargets.has(cls + "." + name)) continue;
      hookAll(
        cls,
        name,
        "webview-bridge-call",
        function () {},
        function () {
          emit(ev, { method: "webview", target: cls + "." + name, stack: javaStack(cls, name) });
        }
      );
    }
  });
  return n;
}

// ------------------------------------------------------------------ optional certificate-pinning bypass

// Only with --bypass-pinning (off by default; the trace header and the report say when it was on):
// the app then accepts the proxy's certificate where it pins its own, so its traffic can be read.
function installPinningBypass() {
  if (!config.pinning_bypass) return 0;
  let n = 0;
  const done = [];
  const noop = (cls, member, ret) => {
    try {
      for (const ov of overloadsOf(cls, member)) {
        ov.implementation = function (...args) {
          return ret === "first-arg" ? args[0] : ret === "empty-list" ? Java.use("java.util.ArrayList").$new() : undefined;
        };
        n++;
      }
      done.push(cls + "." + member);
    } catch (e) {
      /* the class is absent from this app or runtime */
    }
  };
  noop("okhttp3.CertificatePinner", "check", null); // OkHttp 3/4 pins
  noop("okhttp3.CertificatePinner", "check$okhttp", null);
  noop("com.android.org.conscrypt.TrustManagerImpl", "checkTrustedRecursive", "empty-list"); // Android 7+
  noop("com.android.org.conscrypt.TrustManagerImpl", "verifyChain", "first-arg");
  noop("android.security.net.config.NetworkSecurityTrustManager", "checkPins", null); // network_security_config pins
  try {
    for (const ov of overloadsOf("android.webkit.WebViewClient", "onReceivedSslError")) {
      ov.implementation = function (view, handler, error) {
        handler.proceed();
      };
      n++;
    }
    done.push("android.webkit.WebViewClient.onReceivedSslError");
  } catch (e) {
    /* no WebView */
  }
  emit("pinning_bypass", { installed: done });
  return n;
}

function installLifecycleHooks() {
  let n = 0;
  for (const [member, state] of [
    ["onResume", "foreground"],
    ["onPause", "background"],
  ]) {
    n += hookAll("android.app.Activity", member, "lifecycle", function (self) {
      emit("lifecycle", { state: state, activity: String(self.getClass().getName()) });
    });
  }
  return n;
}

// ------------------------------------------------------------------ sandbox (hostjvm only)
// Installed only when Python sends `config.sandbox` (runtime/sandbox.py: the JVM runs inside bubblewrap).
// Commands are never run: java.lang.ProcessImpl.start, where Runtime.exec and ProcessBuilder.start end,
// returns a finished appaudit.sandbox.ProfileProcess carrying the profile's answer (the command hooks
// above still see the call and report reads). The JDK's network-interface natives serve the profile's
// interfaces (the sandbox's own network namespace has only loopback), so NetworkInterface reads the
// profile's MAC. Write opens and inet connects are recorded as `sandbox` events: the attempt is the finding
// even when the sandbox refuses it.

function sandboxEmit(what, fields, stack) {
  emit("sandbox", Object.assign({ what: what, stack: stack, thread: threadName() }, fields));
}

function commandAnswer(sb, cmd) {
  for (const c of sb.commands) {
    if (cmd === c.prefix || cmd.startsWith(c.prefix + " ")) return c;
  }
  return null;
}

function installSandboxExec(sb) {
  const Impl = Java.use("java.lang.ProcessImpl");
  const Answer = Java.use("appaudit.sandbox.ProfileProcess");
  let n = 0;
  for (const ov of Impl.start.overloads) {
    ov.implementation = function (...args) {
      let cmd = "";
      try {
        cmd = Array.prototype.slice.call(args[0]).map(String).join(" ");
      } catch (e) {
        cmd = argString(args[0]) || "";
      }
      const c = commandAnswer(sb, cmd);
      const a = c || sb.default;
      if (!busy.has(Process.getCurrentThreadId())) {
        asAgent("sandbox.exec", () =>
          sandboxEmit(
            "exec",
            { command: cmd, answered: c !== null, exit: a.exit, result: "not run" },
            javaStack("java.lang.ProcessImpl", "start")
          )
        );
      }
      return Answer.$new(a.stdout, a.stderr || "", a.exit);
    };
    hookedTargets.add("java.lang.ProcessImpl.start");
    n++;
  }
  return n;
}

function macBytes(mac) {
  return Java.array(
    "byte",
    mac.split(":").map((h) => {
      const b = parseInt(h, 16);
      return b > 127 ? b - 256 : b;
    })
  );
}

function installSandboxInterfaces(sb) {
  const names = Object.keys(sb.interfaces || {});
  if (names.length === 0) return 0;
  const NI = Java.use("java.net.NetworkInterface");
  const ctor = NI.$new.overload("java.lang.String", "int", "[Ljava.net.InetAddress;");
  // name -> index; the interface object is made per call (a wrapper kept across calls is not accepted
  // as an argument by the bridge), with no addresses: the profile has none.
  const fakes = new Map(names.map((name, i) => [name, 2 + i]));
  const fake = (name) => ctor.call(NI, name, fakes.get(name), Java.array("java.net.InetAddress", []));
  let n = 0;
  // A replacement that fails falls back to the JDK's own answer: never an exception thrown into the app.
  const replace = (member, fn) => {
    for (const ov of NI[member].overloads) {
      ov.implementation = function (...args) {
        try {
          return fn(ov, this, args);
        } catch (e) {
          clearPending();
          failOnce("sandbox.NetworkInterface." + member, e);
          return ov.apply(this, args);
        }
      };
      hookedTargets.add("java.net.NetworkInterface." + member);
      n++;
    }
  };
  const Collections = Java.use("java.util.Collections");
  const ArrayList = Java.use("java.util.ArrayList");
  const addObject = ArrayList.add.overload("java.lang.Object");
  // The enumeration and not the native getAll(): building a Java array of wrappers from a hook crashes.
  replace("getNetworkInterfaces", (ov, self, args) => {
    const list = ArrayList.$new();
    const real = ov.apply(self, args);
    if (real !== null) list.addAll(Collections.list(real));
    for (const name of fakes.keys()) addObject.call(list, fake(name));
    return Collections.enumeration(list);
  });
  replace("getByName0", (ov, self, args) => {
    const name = String(args[0]);
    return fakes.has(name) ? fake(name) : ov.apply(self, args);
  });
  replace("getMacAddr0", (ov, self, args) => {
    const mac = sb.interfaces[String(args[1])];
    if (mac !== undefined) return macBytes(mac);
    return String(args[1]) === "lo" ? null : ov.apply(self, args);
  });
  const canned = { isUp0: true, isLoopback0: false, isP2P0: false, supportsMulticast0: true, getMTU0: 1500 };
  for (const [member, value] of Object.entries(canned)) {
    replace(member, (ov, self, args) => (fakes.has(String(args[0])) ? value : ov.apply(self, args)));
  }
  return n;
}

function installSandboxNative() {
  let n = 0;
  const seen = new Set();
  for (const [name, pathIdx, flagsIdx] of [
    ["open", 0, 1],
    ["open64", 0, 1],
    ["openat", 1, 2],
    ["openat64", 1, 2],
    ["creat", 0, -1],
  ]) {
    const addr = Module.findGlobalExportByName(name);
    if (addr === null || seen.has(addr.toString())) continue;
    seen.add(addr.toString());
    Interceptor.attach(addr, {
      onEnter(args) {
        this.path = null;
        if (busy.has(this.threadId)) return;
        const flags = flagsIdx < 0 ? 0x41 : args[flagsIdx].toInt32();
        if ((flags & 3) === 0 && (flags & 0x40) === 0) return; // O_RDONLY without O_CREAT: a read
        try {
          this.path = args[pathIdx].readUtf8String();
        } catch (e) {
          this.path = null;
        }
      },
      onLeave(rv) {
        if (this.path === null || this.path === undefined) return;
        const ok = rv.toInt32() >= 0;
        const path = this.path;
        const errno = ok ? 0 : this.errno;
        const stack = nativeCallerStack(this.context);
        sandboxEmit("file_write", { path: path, result: ok ? "written in the sandbox" : "denied (errno " + errno + ")" }, stack);
      },
    });
    n++;
  }
  const connect = Module.findGlobalExportByName("connect");
  if (connect !== null) {
    Interceptor.attach(connect, {
      onEnter(args) {
        this.addr = null;
        if (busy.has(this.threadId)) return;
        const sa = args[1];
        const family = sa.readU16();
        const port = (sa.add(2).readU8() << 8) | sa.add(3).readU8();
        if (family === 2) {
          this.addr = Array.from(new Uint8Array(sa.add(4).readByteArray(4))).join(".") + ":" + port;
        } else if (family === 10) {
          const b = new Uint8Array(sa.add(8).readByteArray(16));
          const groups = [];
          for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
          this.addr = "[" + groups.join(":") + "]:" + port;
        }
      },
      onLeave(rv) {
        if (this.addr === null || this.addr === undefined) return;
        const ok = rv.toInt32() === 0;
        const errno = ok ? 0 : this.errno;
        const result = ok ? "connected" : errno === 115 ? "in progress" : "refused or unreachable (errno " + errno + ")";
        sandboxEmit("connect", { address: this.addr, result: result }, nativeCallerStack(this.context));
      },
    });
    n++;
  }
  return n;
}

function installSandboxHooks(sb) {
  if (sb === undefined || sb === null) return 0;
  let n = 0;
  for (const [name, step] of [
    ["exec", () => installSandboxExec(sb)],
    ["interfaces", () => installSandboxInterfaces(sb)],
    ["native", () => installSandboxNative()],
  ]) {
    try {
      n += step();
    } catch (e) {
      failOnce("sandbox." + name, e);
    }
  }
  return n;
}

// ------------------------------------------------------------------ entry

function installAll() {
  if (installed) return;
  installed = true;
  resolveWrappers();
  const byKind = {};
  for (const a of config.apis) (byKind[a.kind] = byKind[a.kind] || []).push(a);
  let n = 0;
  const steps = [
    () => installMethodApis(byKind.method || []),
    () => installFieldApis(byKind.field || []),
    () => installFileApis(byKind.file || []),
    () => installCommandApis(byKind.command || []),
    () => installPropertyApis(byKind.property || []),
    () => installContentUriApis(byKind.content_uri || []),
    () => installServiceApis(byKind.service || []),
    () => installPermissionHooks(),
    () => installConsentHooks(),
    () => installLifecycleHooks(),
    () => installInterfaceWatch(),
    () => installPinningBypass(),
    () => installSandboxHooks(config.sandbox),
  ];
  for (const step of steps) {
    try {
      n += step();
    } catch (e) {
      emit("error", { where: "install", message: String(e.stack || e).slice(0, 1000) });
    }
  }
  emit("ready", {
    hooks: n,
    failed: failedOnce.size,
    targets: Array.from(hookedTargets).sort(),
    runtime: Java.available ? "java" : "none",
    t0_epoch: T0 / 1000,
  });
}

function armHotSpot() {
  // Spawned java: libjvm.so is not mapped yet, and Java hooks need a created VM. Install right after
  // JNI_CreateJavaVM returns, before the launcher calls main() (frida-hotspot example).
  const arm = (m) => {
    Interceptor.attach(m.getExportByName("JNI_CreateJavaVM"), {
      onLeave(rv) {
        if (rv.toInt32() !== 0) return; // no VM (bad options): nothing to hook, the process exits
        Java.performNow(installAll);
      },
    });
  };
  const jvm = Process.findModuleByName("libjvm.so");
  if (jvm !== null && Java.available) {
    Java.performNow(installAll); // attached to a running JVM
    return;
  }
  if (jvm !== null) {
    arm(jvm);
    return;
  }
  const obs = Process.attachModuleObserver({
    onAdded(m) {
      if (m.name === "libjvm.so") {
        arm(m);
        obs.detach();
      }
    },
  });
}

function handleControl(msg) {
  // Manual markers from `appaudit mark`: timestamped here so they share the agent's clock.
  if (msg.what === "consent" || msg.what === "refusal") {
    emit(msg.what, { method: "manual", target: msg.source || "appaudit mark", stack: [] });
  }
  recv("control", handleControl);
}

rpc.exports = {
  init(cfg) {
    config = cfg;
    recv("control", handleControl);
    if (Process.findModuleByName("libart.so") !== null) {
      Java.perform(installAll); // Android: waits for the app's class loader
    } else {
      armHotSpot();
    }
    return { schema: SCHEMA, pid: Process.id, arch: Process.arch };
  },
};
