// Each quoting function refuses what its target cannot carry exactly.
import t from 'tap'
import { formatEnv } from '../../lib/output/env-formats.js'
import {
  dotenvValue,
  quoteFish,
  quotePowershell,
  quoteSh,
  sqlLiteral,
  sqlLiteralBackslash,
} from '../../lib/output/quote.js'
import { formatSql } from '../../lib/output/sql-dialects.js'

const credentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: Date.UTC(2099, 0, 1),
}

t.test('a lone UTF-16 surrogate (JSON "\\ud800") is refused by every text format, carried by json', async t => {
  // written as UTF-8 it would come out as U+FFFD: another value than the cached one
  for (const lone of ['a\ud800b', '\udc00', 'x\ud83d', '\ude00x']) {
    for (const q of [quoteSh, quoteFish, quotePowershell, dotenvValue, sqlLiteral, sqlLiteralBackslash]) {
      t.throws(
        () => q(lone),
        { name: 'AwscacheError', exitCode: 1, message: /lone UTF-16 surrogate/ },
        `${q.name} ${JSON.stringify(lone)}`,
      )
    }
    const c = { ...credentials, sessionToken: lone }
    t.throws(() => formatSql('duckdb', { credentials: c, name: 'p', region: undefined }), {
      name: 'AwscacheError',
      exitCode: 1,
    })
    t.equal((JSON.parse(formatEnv('json', c)) as { SessionToken: string }).SessionToken, lone, 'json: exactly')
  }
  // a proper pair is a character like any other
  t.equal(quoteSh('\ud83d\ude00'), "'\ud83d\ude00'")
  t.equal(dotenvValue('\ud83d\ude00'), '\ud83d\ude00')
})
