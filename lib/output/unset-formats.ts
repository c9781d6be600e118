// How each shell removes variables; names are checked by isSafeName before they get here.
export const UNSET_FORMATS = {
  sh: { description: 'unset NAME … (bash, zsh, dash, ksh)', render: (names: string[]) => `unset ${names.join(' ')}\n` },
  fish: { description: 'set -e NAME', render: (names: string[]) => names.map(n => `set -e ${n}\n`).join('') },
  powershell: {
    description: 'Remove-Item Env:NAME',
    render: (names: string[]) => names.map(n => `Remove-Item Env:${n} -ErrorAction SilentlyContinue\n`).join(''),
  },
  // cmd.exe: `set NAME=` with nothing after the = removes the variable
  'windows-cmd': {
    description: 'set NAME= (cmd.exe)',
    render: (names: string[]) => names.map(n => `set ${n}=\n`).join(''),
  },
} satisfies Record<string, { description: string; render: (names: string[]) => string }>

export type UnsetFormatName = keyof typeof UNSET_FORMATS

export const formatUnset = (format: UnsetFormatName, names: string[]): string =>
  names.length ? UNSET_FORMATS[format].render(names) : ''
