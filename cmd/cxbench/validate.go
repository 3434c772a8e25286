package main

import (
	"errors"
	"fmt"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	config string
}

func newValidateCmd(a *app) *cobra.Command {
	var o validateOptions
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the configuration and rubric, printing every problem as FILE:LINE:COL: message",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			criteria := 0
			for _, c := range cfg.Rubric.Categories {
				criteria += len(c.Criteria)
			}
			fmt.Fprintf(a.stdout, "%s: ok (%d competitors, %d categories, %d criteria)\n",
				signal.Printable(cfg.File), len(cfg.Competitors), len(cfg.Rubric.Categories), criteria)
			return nil
		},
	}
	configFlag(cmd, &o.config)
	return cmd
}

// loadConfig loads a configuration, printing each problem on its own line.
func loadConfig(a *app, path string) (*config.Config, error) {
	cfg, err := config.Load(path)
	var ps config.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(a.stderr, p)
		}
		noun := "problems"
		if len(ps) == 1 {
			noun = "problem"
		}
		fmt.Fprintf(a.stderr, "%s: %d %s\n", signal.Printable(path), len(ps), noun)
		return nil, &exitError{exitFailed, errPrinted}
	}
	if err != nil {
		return nil, failed(err)
	}
	return cfg, nil
}
