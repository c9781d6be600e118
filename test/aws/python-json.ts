import t from 'tap'
import { pythonJsonDumps, pythonJsonString } from '../../lib/aws/python-json.js'

t.test('json.dumps(sort_keys=True) spelling', async t => {
  t.equal(pythonJsonDumps({ b: 'x', a: 'y' }), '{"a": "y", "b": "x"}')
  t.equal(pythonJsonDumps({ b: 'x', a: 'y' }, true), '{"a":"y","b":"x"}')
  t.equal(pythonJsonDumps({ DurationSeconds: 3600n, RoleArn: 'r' }), '{"DurationSeconds": 3600, "RoleArn": "r"}')
  t.equal(pythonJsonDumps({}), '{}')
})

t.test('ensure_ascii escapes, "/" left alone', async t => {
  t.equal(pythonJsonString('a/b'), '"a/b"')
  t.equal(pythonJsonString('é'), '"\\u00e9"')
  t.equal(pythonJsonString('😀'), '"\\ud83d\\ude00"')
  t.equal(pythonJsonString('"\\\n\r\t\b\f'), '"\\"\\\\\\n\\r\\t\\b\\f"')
  t.equal(pythonJsonString('\x01\x7f'), '"\\u0001\\u007f"')
  t.equal(pythonJsonString(' ~'), '" ~"')
})

t.test('keys sorted by code point, as Python does', async t => {
  // UTF-16 order would put U+FF5E before U+1F600; code-point order does not
  t.equal(pythonJsonDumps({ '\u{1F600}': 'a', '\uFF5E': 'b' }, true), '{"\\uff5e":"b","\\ud83d\\ude00":"a"}')
  t.equal(pythonJsonDumps({ ab: '1', a: '2', B: '3' }, true), '{"B":"3","a":"2","ab":"1"}')
})
