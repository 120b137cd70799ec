// Package plots draws costdial's charts with gonum/plot: RPO or RTO against
// monthly cost with the Pareto front and the target, the total cost with its
// risk along a dial, and distributions (CDFs) of RPO and RTO. Every chart is
// written as PNG (800x600) and SVG (fonts embedded), each through a temporary
// file renamed into place, so a failure never leaves a half-written image.
//
// Axes switch to a log scale when their values span more than two decades.
// A log axis never sees zero: values at or below zero are drawn at a floor
// (a tenth of the smallest positive value) and the axis label says so.
// Values that are not finite (a design whose percentile is a total loss)
// are left out and counted in the chart's title.
package plots
