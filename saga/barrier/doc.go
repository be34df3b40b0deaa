// Package barrier defines the participant's barrier: per saga step, whether
// the action ran and with what answer, and whether it was compensated. It
// makes a compensation that overtakes its action safe (the late action is
// refused) and lets a repeated action get its first answer again.
package barrier
