package main

import (
	"runtime/debug"

	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

// newVersionCommand is `costdial version`.
func newVersionCommand() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print costdial's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			acc := report.NewVersion(versionString())
			if output == "json" {
				return acc.WriteJSON(cmd.OutOrStdout())
			}
			return acc.WriteText(cmd.OutOrStdout())
		},
	}
	addOutputFlag(cmd, &output, "text", "text", "json")
	return cmd
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 && (v == "" || v == "(devel)") {
				v = "devel-" + s.Value[:12]
			}
		}
		if v != "" {
			return v + " (" + bi.GoVersion + ")"
		}
	}
	return "devel"
}
