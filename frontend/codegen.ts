import type { CodegenConfig } from "@graphql-codegen/cli";

// CODEGEN_OUT lets `npm run codegen:check` write into a temporary folder and compare.
const out = process.env.CODEGEN_OUT ?? ".";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/graphql/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    [`${out}/src/gql/`]: {
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: "embedHashInDocument", hashAlgorithm: "sha256" },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string", Date: "string", Decimal: "string" },
      },
    },
  },
  hooks: {},
};

export default config;
