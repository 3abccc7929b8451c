// Copied by generator 0.1.0 from templates/go/runtime/partlock_other.go. Do not edit.
//go:build !unix

package apicore

// processGone cannot tell here whether a process runs: a lock naming one is
// kept until it is removed by hand.
func processGone(int) bool { return false }
