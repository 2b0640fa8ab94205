package logging

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder counts the write calls that reach it.
type recorder struct {
	mu     sync.Mutex
	text   bytes.Buffer
	writes int
}

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes++
	return r.text.Write(p)
}

func (r *recorder) state() (string, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.text.String(), r.writes
}

func TestLinesLeaveTogetherAfterTheDelay(t *testing.T) {
	out := &recorder{}
	w := NewWriter(out, 4096, 20*time.Millisecond)
	defer w.Close()
	for _, line := range []string{"a\n", "b\n", "c\n"} {
		if _, err := w.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	if text, _ := out.state(); text != "" {
		t.Fatalf("written before the delay: %q", text)
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		text, writes := out.state()
		if text == "a\nb\nc\n" {
			if writes != 1 {
				t.Fatalf("%d write calls for one batch, want 1", writes)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 2 s the output is %q", text)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A line after the batch starts the timer again.
	_, _ = w.Write([]byte("d\n"))
	time.Sleep(200 * time.Millisecond)
	if text, _ := out.state(); text != "a\nb\nc\nd\n" {
		t.Fatalf("second batch: output %q", text)
	}
}

func TestAFullBufferIsWrittenAtOnceAndLinesStayWhole(t *testing.T) {
	out := &recorder{}
	w := NewWriter(out, 16, time.Hour)
	defer w.Close()
	_, _ = w.Write([]byte("0123456789\n"))
	_, _ = w.Write([]byte("abcdefghij\n"))
	if text, writes := out.state(); text != "0123456789\n" || writes != 1 {
		t.Fatalf("output %q in %d writes, want the first line alone once the second does not fit", text, writes)
	}
	_, _ = w.Write([]byte("a line longer than the buffer\n"))
	if text, writes := out.state(); text != "0123456789\nabcdefghij\na line longer than the buffer\n" || writes != 3 {
		t.Fatalf("output %q in %d writes, want the held line, then the long one in a write of its own", text, writes)
	}
}

func TestCloseWritesWhatIsHeldAndLaterLinesPassStraight(t *testing.T) {
	out := &recorder{}
	w := NewWriter(out, 4096, time.Hour)
	_, _ = w.Write([]byte("held\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if text, _ := out.state(); text != "held\n" {
		t.Fatalf("after Close: %q", text)
	}
	_, _ = w.Write([]byte("late\n"))
	if text, _ := out.state(); !strings.HasSuffix(text, "late\n") {
		t.Fatalf("a line after Close was held: %q", text)
	}
}
