// Builds tap's plugin set when it is not the one package.json configures
// (after `npm ci` it is tap's default, with @tapjs/typescript). tap rebuilds
// it by itself too, but only for its next run: the run that rebuilds it
// still starts every test file with the default set's loaders, ts-node's
// beside tsx's, which made a fresh clone's first `npm test` a third slower.
import { spawnSync } from 'node:child_process'
import { TapConfig } from '@tapjs/config'
import { signature } from '@tapjs/test'

const config = await TapConfig.load()
if (config.pluginSignature !== signature) {
  const r = spawnSync('npx', ['tap', 'build'], { stdio: 'inherit' })
  process.exitCode = r.status ?? 1
}
