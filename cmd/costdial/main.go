// Command costdial simulates backup and disaster-recovery designs: how much
// data an incident loses (RPO), how long the service is down (RTO), and what
// each design costs a month. Run `costdial --help` for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// The first SIGINT, SIGTERM or SIGHUP (the terminal closed) cancels the
	// context: the simulation stops, temporaries and locks are removed and
	// costdial exits 130. A second one kills.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-ctx.Done()
		stop()
	}()
	os.Exit(executeContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
