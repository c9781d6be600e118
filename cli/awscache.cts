#!/usr/bin/env node
// The installed bin. It compiles the bundle (awscache-bundle.cjs, all of
// awscache in one file) with V8's code cache for the command it runs, when
// there is one for that very source: the build runs each command once and
// keeps the bytecode V8 compiled for it (scripts/code-cache.mjs). Compiling
// from source was the largest part of what a command executed above Node's
// own start; one cache for every command costs more to read than it saves
// (README "Speed").
// A cache that does not hold this exact source, or that this Node's V8 refuses
// (another version, other flags), is not used: the bundle is compiled as
// without one.

// with no listener, SIGUSR1 opens Node's inspector (cli/sigusr1.ts): listen
// before the bundle is read and compiled
process.on('SIGUSR1', () => {})

import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Script } from 'node:vm'

export const BUNDLE_FILE = join(__dirname, 'awscache-bundle.cjs')

/** What the build writes around the bundle (scripts/bundle.mjs): CommonJS's own wrapper. */
export const BUNDLE_WRAPPER = ['(function (exports, require, module, __filename, __dirname) {', '\n})'] as const

/**
 * The code cache file: one line of JSON (this header), the bundle's source it
 * was made from, byte for byte, then V8's cached data for each command.
 */
export interface CodeCacheHeader {
  /** the source's length in bytes */
  source: number
  /** command (codeCacheNameOf) -> [offset after the source, length] of its cached data */
  commands: Record<string, [number, number]>
}

export const codeCacheFileOf = (bundleFile: string): string => `${bundleFile}.cache`

/**
 * The cached code a command line is compiled with: its command's, and for
 * `list --json` one without the table's (luxon's among it: a third less to
 * deserialize). Any cache of this source runs any command line correctly;
 * one that was not made for it just leaves more for V8 to compile.
 */
export const codeCacheNameOf = (args: readonly string[]): string | undefined =>
  args[0] === 'list' && args.includes('--json') ? 'list --json' : args[0]

const HEADER_MAX = 4096

const readAt = (fd: number, length: number, position: number): Buffer | undefined => {
  const bytes = Buffer.allocUnsafe(length)
  return readSync(fd, bytes, 0, length, position) === length ? bytes : undefined
}

// Compared a piece at a time, through one small buffer: a second copy of the
// source would be as large as the source, and fresh memory is dear (each new
// page is a fault) while the comparison is not.
const COMPARE_BYTES = 64 * 1024

/** Whether the file holds `expected` at `position`. */
const holdsAt = (fd: number, expected: Buffer, position: number): boolean => {
  const piece = Buffer.allocUnsafe(Math.min(COMPARE_BYTES, expected.length))
  for (let at = 0; at < expected.length; at += piece.length) {
    const length = Math.min(piece.length, expected.length - at)
    if (readSync(fd, piece, 0, length, position + at) !== length) return false
    if (piece.compare(expected, at, at + length, 0, length) !== 0) return false
  }
  return true
}

const headerOf = (head: Buffer): CodeCacheHeader | undefined => {
  try {
    return JSON.parse(head.toString('utf8')) as CodeCacheHeader
  } catch {
    return undefined
  }
}

// V8 itself checks only the source's length: bytecode made from another
// source of that length would run as this one. Hence the copy of the source.
const cachedDataFor = (source: Buffer, cacheFile: string, command: string): Buffer | undefined => {
  let fd: number | undefined
  try {
    fd = openSync(cacheFile, 'r')
    const head = Buffer.allocUnsafe(HEADER_MAX)
    const end = head.subarray(0, readSync(fd, head, 0, HEADER_MAX, 0)).indexOf(10)
    const header = end < 0 ? undefined : headerOf(head.subarray(0, end))
    if (header?.source !== source.length || !Object.hasOwn(header.commands, command)) return undefined
    const [offset, length] = header.commands[command] as [number, number]
    if (!(Number.isSafeInteger(offset) && offset >= 0 && Number.isSafeInteger(length) && length > 0)) return undefined
    if (!holdsAt(fd, source, end + 1)) return undefined
    return readAt(fd, length, end + 1 + source.length + offset)
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

export interface Bundle {
  main(args: readonly string[]): Promise<number>
  exitWhenDone(code: number): Promise<void>
}

export interface CompiledBundle {
  script: Script
  /** V8 was given cached data, made from this source */
  cacheGiven: boolean
  /** and took it */
  cacheTaken: boolean
  /** runs the bundle's top level: its exports */
  run(): Bundle
}

/**
 * The bundle, compiled as Node compiles CommonJS; with the code cache named
 * `command`, if it has one. The build writes the bundle already wrapped in
 * CommonJS's function (BUNDLE_WRAPPER): wrapping it here would copy the
 * whole source once more.
 */
export const compileBundle = (bundleFile: string, command: string | undefined): CompiledBundle => {
  const source = readFileSync(bundleFile)
  const cachedData = command === undefined ? undefined : cachedDataFor(source, codeCacheFileOf(bundleFile), command)
  const script = new Script(source.toString('utf8'), { filename: bundleFile, cachedData })
  return {
    script,
    cacheGiven: cachedData !== undefined,
    cacheTaken: cachedData !== undefined && !script.cachedDataRejected,
    run: () => {
      const bundleModule = { exports: {} as Bundle }
      const wrapper = script.runInThisContext() as (...args: unknown[]) => void
      const bundleRequire = createRequire(bundleFile)
      wrapper.call(
        bundleModule.exports,
        bundleModule.exports,
        bundleRequire,
        bundleModule,
        bundleFile,
        dirname(bundleFile),
      )
      return bundleModule.exports
    },
  }
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const bundle = compileBundle(BUNDLE_FILE, codeCacheNameOf(args)).run()
  void bundle.main(args).then(bundle.exitWhenDone)
}
