package secret

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestValueNeverPrints(t *testing.T) {
	v := New([]byte("Top-Secret-42"))
	wrapper := struct {
		Pass Value
		Ptr  *Value
	}{v, &v}
	js, err := json.Marshal(wrapper)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{
		fmt.Sprint(v), fmt.Sprintf("%v %+v %#v %s %q %x %X %d", v, v, v, v, v, v, v, v),
		fmt.Sprintf("%v %+v %#v", wrapper, wrapper, &wrapper), string(js),
		fmt.Errorf("wrapped: %w", fmt.Errorf("%v", v)).Error(),
	} {
		if strings.Contains(out, "Top-Secret-42") || strings.Contains(out, fmt.Sprintf("%x", "Top-Secret-42")) {
			t.Errorf("leaked: %s", out)
		}
	}
	if string(v.Reveal()) != "Top-Secret-42" || v.IsZero() || !New(nil).IsZero() {
		t.Error("Reveal or IsZero wrong")
	}
}
