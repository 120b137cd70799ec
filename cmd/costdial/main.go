// Command costdial simulates backup and disaster-recovery designs: how much
// data an incident loses (RPO), how long the service is down (RTO), and what
// each design costs a month. Run `costdial --help` for the commands.
package main

import "os"

func main() {
	os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
}
