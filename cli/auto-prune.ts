/** AWSCACHE_AUTO_PRUNE=1: every command prunes first, as the original tool did. */
export const autoPrune = (): boolean => process.env.AWSCACHE_AUTO_PRUNE === '1'
