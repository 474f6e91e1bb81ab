// The PKI commands for the tools registry (../index.ts): openssl, cfssl, cfssljson.

export { openssl } from './openssl.ts'
export { cfssl, cfssljson } from './cfssl.ts'
