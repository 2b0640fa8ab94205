package auth

import (
	"sync"
	"time"
)

// throttleWindow is how long a failed login counts against its email and address.
const throttleWindow = 15 * time.Minute

// maxThrottleKeys bounds the memory the throttle may hold under a flood of distinct emails.
const maxThrottleKeys = 100_000

// Throttle locks logins out after too many failures in the window: maxFailures per email, ten times as many
// per client address (which may be many users behind one NAT). Zero turns it off.
type Throttle struct {
	mu          sync.Mutex
	maxFailures int
	failures    map[string][]time.Time
}

// NewThrottle returns a throttle allowing maxFailures failed logins per email in 15 minutes.
func NewThrottle(maxFailures int) *Throttle {
	return &Throttle{maxFailures: maxFailures, failures: map[string][]time.Time{}}
}

// RetryAfter is how long a login for this email from this address must wait; zero when it may go ahead.
func (t *Throttle) RetryAfter(email, address string, now time.Time) time.Duration {
	if t.maxFailures == 0 {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return max(t.lockedFor("email:"+email, t.maxFailures, now), t.lockedFor("address:"+address, t.maxFailures*10, now))
}

// Failure records a failed login.
func (t *Throttle) Failure(email, address string, now time.Time) {
	if t.maxFailures == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, key := range []string{"email:" + email, "address:" + address} {
		t.failures[key] = append(t.recent(key, now), now)
	}
	if len(t.failures) > maxThrottleKeys {
		for key := range t.failures {
			if len(t.recent(key, now)) == 0 || len(t.failures) > maxThrottleKeys {
				delete(t.failures, key)
			}
		}
	}
}

// Success clears the email's failures (not the address's: those may be other accounts').
func (t *Throttle) Success(email string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.failures, "email:"+email)
}

func (t *Throttle) lockedFor(key string, limit int, now time.Time) time.Duration {
	list := t.recent(key, now)
	if len(list) < limit {
		return 0
	}
	return list[len(list)-limit].Add(throttleWindow).Sub(now)
}

func (t *Throttle) recent(key string, now time.Time) []time.Time {
	list := t.failures[key]
	for i, at := range list {
		if now.Sub(at) < throttleWindow {
			return list[i:]
		}
	}
	return nil
}
