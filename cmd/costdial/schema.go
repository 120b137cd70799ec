package main

import (
	"io"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

func newSchemaCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the scenario format, for editors",
		Long: `Schema prints a JSON Schema (draft 2020-12) of the scenario format,
generated from costdial's own types: every field, unknown fields refused,
the kinds and tier names as choices. The same file is committed as
docs/scenario.schema.json. An editor with a YAML language server (VS Code's
YAML extension, neovim's yamlls) completes and checks scenario files with
it: put this first line in a scenario file

  # yaml-language-server: $schema=https://raw.githubusercontent.com/costdial/costdial/main/docs/scenario.schema.json

or map files to it in the editor's settings (yaml.schemas).`,
		Example: `  costdial schema > scenario.schema.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSchema(cmd.OutOrStdout())
		},
	}
}

func runSchema(out io.Writer) error { return report.WriteJSON(out, scenario.Schema()) }
