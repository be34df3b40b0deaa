package ui

// stepBlock is a step of its own (Group empty), or the steps of a parallel
// group, which run at once and are shown together.
type stepBlock struct {
	Group string
	Rows  []stepRow
}

// stepBlocks gathers each run of rows of one parallel group into a block.
func stepBlocks(rows []stepRow) []stepBlock {
	var out []stepBlock
	for _, r := range rows {
		n := len(out)
		if r.Group != "" && n > 0 && out[n-1].Group == r.Group {
			out[n-1].Rows = append(out[n-1].Rows, r)
			continue
		}
		out = append(out, stepBlock{Group: r.Group, Rows: []stepRow{r}})
	}
	return out
}
