export interface AssumedRole {
  partition: string
  accountId: string
  roleName: string
  sessionName: string
}

// arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION
const ASSUMED = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/

export const parseAssumedRoleArn = (arn: string): AssumedRole | undefined => {
  const m = ASSUMED.exec(arn)
  return m
    ? { partition: m[1] as string, accountId: m[2] as string, roleName: m[3] as string, sessionName: m[4] as string }
    : undefined
}

// arn:PARTITION:iam::ACCOUNT:role/PATH/NAME
const ROLE = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/

export const parseRoleArn = (arn: string): { accountId: string; roleName: string } | undefined => {
  const m = ROLE.exec(arn)
  return m ? { accountId: m[1] as string, roleName: m[2] as string } : undefined
}
