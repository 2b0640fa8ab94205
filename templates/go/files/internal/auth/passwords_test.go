package auth

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestHashingBeyondTheSlotsAndTheQueueIsRefusedAtOnce(t *testing.T) {
	for range cap(hashing) {
		hashing <- struct{}{}
	}
	defer func() {
		for range cap(hashing) {
			<-hashing
		}
	}()
	waiting.Store(maxWaiting)
	defer waiting.Store(0)
	if err := withHashSlot(t.Context(), func() { t.Error("hashed without a slot") }); !errors.Is(err, ErrBusy) {
		t.Fatalf("with every slot taken and %d waiting: %v, want ErrBusy", maxWaiting, err)
	}

	waiting.Store(maxWaiting - 1)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if err := withHashSlot(ctx, func() { t.Error("hashed without a slot") }); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a request within the queue waits for a slot until its context ends: %v", err)
	}
	if n := waiting.Load(); n != maxWaiting-1 {
		t.Fatalf("%d waiting after the request gave up, want %d", n, maxWaiting-1)
	}
}

func TestHashAndVerifyRoundTrip(t *testing.T) {
	hash, err := HashPassword(t.Context(), "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	for password, want := range map[string]bool{"correct horse battery": true, "wrong horse battery": false} {
		if ok, err := VerifyPassword(t.Context(), hash, password); err != nil || ok != want {
			t.Errorf("%q: %v %v, want %v", password, ok, err, want)
		}
	}
}
