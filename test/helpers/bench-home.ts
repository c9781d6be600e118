// The benchmark's home writer (bench/fixture.mjs, in JavaScript), typed: a
// home as the AWS CLI leaves it, with `entries` cache entries and `profiles`
// profiles that map to them; `profile` names one with a valid session.
// @ts-expect-error: JavaScript, without declarations
import { writeHome as writeHomeInJavaScript } from '../../bench/fixture.mjs'

export const writeBenchHome = writeHomeInJavaScript as (
  home: string,
  size: { entries: number; profiles: number },
) => { profile: string }
