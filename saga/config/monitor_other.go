//go:build !linux

package config

import (
	"errors"
	"time"
)

// setMonitorSlack: timer slack is a Linux setting.
func setMonitorSlack(time.Duration) error { return errors.ErrUnsupported }
