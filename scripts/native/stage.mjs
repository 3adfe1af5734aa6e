// Lays a TensorFlow C library out the way tfjs-node's binding.gyp expects (deps/lib, deps/include)
// and checks that it exports the C API the binding calls, before anything is built.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Every TF_/TFE_ function tfjs-node 4.22.0's binding (binding/*.cc) calls: found with
 * `grep -ohE '\bTFE?_[A-Za-z0-9]+\(' binding/*.cc` minus its own TF_Auto* helper classes. The
 * TF_TString_* functions are inline in the ctstring headers, so they need no symbol.
 */
export const REQUIRED_SYMBOLS = (
  'TFE_ContextListDevices TFE_DeleteContext TFE_DeleteContextOptions TFE_DeleteOp TFE_DeleteTensorHandle TFE_Execute ' +
  'TFE_NewContext TFE_NewContextOptions TFE_NewOp TFE_NewTensorHandle TFE_OpAddInput TFE_OpSetAttrBool TFE_OpSetAttrBoolList ' +
  'TFE_OpSetAttrFloat TFE_OpSetAttrFloatList TFE_OpSetAttrInt TFE_OpSetAttrIntList TFE_OpSetAttrShape TFE_OpSetAttrString ' +
  'TFE_OpSetAttrType TFE_TensorHandleCopyToDevice TFE_TensorHandleDataType TFE_TensorHandleDim TFE_TensorHandleNumDims ' +
  'TFE_TensorHandleResolve TF_AllocateTensor TF_DataTypeSize TF_DeleteBuffer TF_DeleteDeviceList TF_DeleteGraph TF_DeleteSession ' +
  'TF_DeleteSessionOptions TF_DeleteStatus TF_DeleteTensor TF_DeviceListCount TF_DeviceListName TF_DeviceListType TF_Dim TF_GetCode ' +
  'TF_GraphOperationByName TF_LoadSessionFromSavedModel TF_Message TF_NewBuffer TF_NewBufferFromString TF_NewGraph ' +
  'TF_NewSessionOptions TF_NewStatus TF_NewTensor TF_NumDims TF_SessionRun TF_TensorByteSize TF_TensorData TF_TensorElementCount ' +
  'TF_TensorType TF_Version'
).split(' ');

/** Headers the binding includes, relative to an include root (c_api.h pulls in the rest). */
const HEADER_GLOBS = ['tensorflow/c/', 'tensorflow/core/platform/ctstring', 'tsl/platform/ctstring', 'xla/tsl/c/tsl_status.h'];

/** Wheel members we need; everything else (Python code, other libraries) is left in the wheel. */
const WHEEL_MEMBERS = ['tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2', ...HEADER_GLOBS.map((h) => `tensorflow/include/${h}`)];

function extractWheel(wheel, into) {
  // Python's zipfile streams each member; Node has no unzip and the library alone is ~790 MB.
  const code = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor m in z.namelist():\n    if any(m.startswith(p) for p in sys.argv[3:]): z.extract(m, sys.argv[2])';
  execFileSync('python3', ['-c', code, wheel, into, ...WHEEL_MEMBERS], { stdio: 'inherit' });
  return join(into, 'tensorflow');
}

/** Finds { cc, framework, include } in a tarball tree (lib/, include/) or a wheel's tensorflow/ package directory. */
export function locateLibrary(dir) {
  for (const root of [dir, join(dir, 'tensorflow')]) {
    if (existsSync(join(root, 'libtensorflow_cc.so.2'))) {
      return { cc: join(root, 'libtensorflow_cc.so.2'), framework: join(root, 'libtensorflow_framework.so.2'), include: join(root, 'include') };
    }
    const lib = join(root, 'lib');
    const cc = existsSync(lib) && readdirSync(lib).filter((f) => /^libtensorflow\.so\.\d+$/.test(f))[0];
    if (cc) return { cc: join(lib, cc), framework: join(lib, cc.replace('libtensorflow', 'libtensorflow_framework')), include: join(root, 'include') };
  }
  throw new Error(`${dir} holds neither libtensorflow_cc.so.2 (a tensorflow wheel) nor lib/libtensorflow.so.N (a libtensorflow tarball)`);
}

/**
 * Unpacks a wheel or tarball to a temporary directory (a directory is used in place) and returns
 * the library's files. Nothing under node_modules is touched here.
 */
export function unpack(source) {
  if (source.kind === 'dir') return { ...locateLibrary(resolve(source.path)), copy: false };
  const into = mkdtempSync(join(tmpdir(), 'cvae-tf-'));
  if (source.kind === 'wheel') return { ...locateLibrary(extractWheel(source.path, into)), copy: true, temporary: into };
  execFileSync('tar', ['-xzf', source.path, '-C', into], { stdio: 'inherit' });
  return { ...locateLibrary(into), copy: true, temporary: into };
}

/**
 * The required C API functions that neither library exports (`nm -D --defined-only`; versioned names
 * such as `TF_Version@@tensorflow` count). Newer TensorFlows export TF_Status / TF_Tensor functions
 * from libtensorflow_framework, so both libraries are searched, as the linker will.
 */
export function missingSymbols(...libs) {
  const exported = new Set();
  for (const lib of libs) {
    const result = spawnSync('nm', ['-D', '--defined-only', lib], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (result.status !== 0) throw new Error(`nm -D ${lib} failed (${result.error?.message ?? result.stderr.trim()}); install binutils`);
    for (const line of result.stdout.split('\n')) exported.add(line.split(' ').at(-1).split('@')[0]);
  }
  return REQUIRED_SYMBOLS.filter((s) => !exported.has(s));
}

/** A rename where possible (same file system: no second 800 MB write), else a copy. */
function move(from, to) {
  // A tarball's libtensorflow.so.2 is a relative link to libtensorflow.so.2.X.Y: move the file itself.
  const file = realpathSync(from);
  try {
    renameSync(file, to);
  } catch {
    cpSync(file, to);
  }
}

function soname(lib) {
  const dynamic = execFileSync('readelf', ['-d', lib], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return /Library soname: \[([^\]]+)\]/.exec(dynamic)?.[1] ?? lib.split('/').at(-1);
}

/**
 * Fills `deps` (tfjs-node's deps/ directory, emptied by the caller): each library under its SONAME
 * (the name the linker records, so the binding finds it at run time), copied or moved from a
 * temporary unpack or linked to a directory the user keeps, plus the four names tfjs-node's
 * scripts and binding.gyp look for, and the headers.
 */
export function placeLibrary(library, deps, tfjsLibVersion) {
  const lib = join(deps, 'lib');
  mkdirSync(lib, { recursive: true });
  for (const [file, base] of [[library.cc, 'libtensorflow'], [library.framework, 'libtensorflow_framework']]) {
    const name = soname(file);
    if (library.copy) move(file, join(lib, name));
    else symlinkSync(realpathSync(file), join(lib, name));
    for (const alias of [`${base}.so`, `${base}.so.${tfjsLibVersion}`]) if (alias !== name) symlinkSync(name, join(lib, alias));
  }
  for (const header of HEADER_GLOBS) {
    const [dir, prefix] = header.endsWith('/') ? [header, ''] : [header.slice(0, header.lastIndexOf('/') + 1), header.slice(header.lastIndexOf('/') + 1)];
    const from = join(library.include, dir);
    // Older libraries (a 2.9 tarball) keep ctstring only under tensorflow/core/platform: the rest is optional.
    if (!existsSync(from)) {
      if (header === 'tensorflow/c/') throw new Error(`headers missing: ${from}`);
      continue;
    }
    for (const entry of readdirSync(from)) {
      if (entry.startsWith(prefix)) cpSync(join(from, entry), join(deps, 'include', dir, entry), { recursive: true });
    }
  }
}
