import t from 'tap'
import { awsPaths } from '../../lib/aws/paths.js'

t.test('an empty cache folder name never means the current folder (whose *.json clear would remove)', async t => {
  const home = '/home/someone'
  t.equal(
    awsPaths({ env: { AWSCACHE_CACHE_DIR: '' }, home }).cacheDir,
    '/home/someone/.aws/cli/cache',
    'empty variable: unset',
  )
  t.equal(awsPaths({ env: { AWSCACHE_CACHE_DIR: '  ' }, home }).cacheDir, '/home/someone/.aws/cli/cache')
  t.equal(awsPaths({ env: { AWSCACHE_CACHE_DIR: '/c' }, home }).cacheDir, '/c')
  t.throws(() => awsPaths({ env: {}, home, cacheDir: '' }), {
    name: 'AwscacheError',
    exitCode: 2,
    message: /--cache-dir is empty/,
  })
  t.equal(awsPaths({ env: { AWSCACHE_CACHE_DIR: '/c' }, home, cacheDir: '/d' }).cacheDir, '/d', '--cache-dir wins')
})
