package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/spf13/cobra"
)

type scheduleOptions struct {
	config string
	every  time.Duration
	cron   string
	now    bool
	benchmarkOptions
}

func newScheduleCmd(a *app) *cobra.Command {
	var o scheduleOptions
	cmd := &cobra.Command{
		Use:   "schedule",
		Short: "Run the benchmark on a schedule, archiving every run (a long-running process)",
		Long: `schedule runs the benchmark every --every interval or on a --cron schedule
(five fields: minute hour day-of-month month day-of-week, in local time) until
it receives SIGTERM or SIGINT. Runs never overlap: a run still going when the
next is due makes that one wait for the following slot. A failed run is logged
and the schedule goes on. On shutdown the current run is cancelled and nothing
half-written is archived.

The configuration is re-read before every run, so edits take effect at the
next run. Each run does what cxbench run does: with --history (or history: in
the configuration) it is archived, compared with the previous run, and
alerts are sent. Gates do not apply.`,
		Example: `  cxbench schedule -c benchmarks.yaml --every 24h -o report/ --history runs/
  cxbench schedule -c benchmarks.yaml --cron "0 6 * * 1" -o report/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var def gocron.JobDefinition
			switch {
			case o.every > 0 && o.cron != "":
				return errors.New("give --every or --cron, not both")
			case o.every > 0:
				def = gocron.DurationJob(o.every)
			case o.cron != "":
				def = gocron.CronJob(o.cron, false)
			default:
				return errors.New("schedule needs --every DURATION (e.g. 24h) or --cron \"MIN HOUR DOM MON DOW\"")
			}
			// Check the configuration once up front: a broken one fails now,
			// not at 6 a.m.
			if _, err := loadConfig(a, o.config); err != nil {
				return err
			}
			log := a.logger()
			job := func(ctx context.Context) error {
				cfg, err := loadConfig(a, o.config)
				if err != nil {
					return err
				}
				return a.benchmark(ctx, cfg, o.benchmarkOptions)
			}
			return schedule(cmd.Context(), def, o.now, job, log)
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().DurationVar(&o.every, "every", 0, "run at this interval (e.g. 24h, 30m)")
	cmd.Flags().StringVar(&o.cron, "cron", "", `run on this cron schedule, e.g. "0 6 * * 1" (Mondays 06:00)`)
	cmd.Flags().BoolVar(&o.now, "now", false, "also run once immediately")
	cmd.Flags().StringVarP(&o.out, "out", "o", "cxbench-report", "output directory (rewritten by every run)")
	historyFlag(cmd, &o.history)
	pagesFlag(cmd, &o.noPages)
	cmd.Flags().BoolVar(&o.noAlerts, "no-alerts", false, "do not send the configured alerts")
	return cmd
}

// schedule runs job on def until ctx is done, one run at a time, logging
// each run; a failed run does not stop the schedule. It returns after the
// current run (whose context is cancelled) has finished.
func schedule(ctx context.Context, def gocron.JobDefinition, now bool, job func(context.Context) error, log *slog.Logger) error {
	s, err := gocron.NewScheduler(gocron.WithStopTimeout(time.Hour))
	if err != nil {
		return failed(fmt.Errorf("starting scheduler: %w", err))
	}
	var runs atomic.Int64
	task := func(jctx context.Context) {
		n := runs.Add(1)
		start := time.Now()
		log.Info("benchmark run started", "run", n)
		err := job(jctx)
		var ee *exitError
		switch {
		case err == nil:
			log.Info("benchmark run finished", "run", n, "took", time.Since(start).Round(time.Millisecond))
		case jctx.Err() != nil:
			log.Info("benchmark run cancelled by shutdown", "run", n)
		case errors.As(err, &ee) && ee.err == errPrinted:
			log.Error("benchmark run failed: invalid configuration (see above)", "run", n)
		default:
			log.Error("benchmark run failed; the schedule goes on", "run", n, "error", err)
		}
	}
	opts := []gocron.JobOption{
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithContext(ctx),
		gocron.WithName("cxbench run"),
	}
	if now {
		opts = append(opts, gocron.WithStartAt(gocron.WithStartImmediately()))
	}
	j, err := s.NewJob(def, gocron.NewTask(task), opts...)
	if err != nil {
		s.Shutdown()
		return fmt.Errorf("scheduling: %w", err)
	}
	s.Start()
	if next, err := j.NextRun(); err == nil {
		log.Info("scheduler started", "next_run", next.Format(time.RFC3339))
	}
	<-ctx.Done()
	log.Info("shutting down: waiting for the current run to stop")
	if err := s.Shutdown(); err != nil {
		return failed(fmt.Errorf("stopping scheduler: %w", err))
	}
	log.Info("scheduler stopped")
	return nil
}
