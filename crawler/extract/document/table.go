package document

import (
	"strings"

	"golang.org/x/net/html"
)

// cellInfo is the context of one table cell.
type cellInfo struct {
	label  string // row header: the row's th scope=row, else its first cell
	column string // column header(s), joined with " / "
	header bool   // a header cell
}

// tableInfo is one table's grid.
type tableInfo struct {
	cells   map[*html.Node]*cellInfo
	caption string
}

// Bounds on one table's grid.
const (
	maxTableCells = 5000
	maxSpan       = 50
	maxHeaderText = 200
)

// tableOf returns the grid of the table that cell n belongs to.
func (wk *walker) tableOf(n *html.Node) *tableInfo {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "table" {
			t, ok := wk.tables[p]
			if !ok {
				t = buildTable(p)
				wk.tables[p] = t
			}
			return t
		}
	}
	return nil
}

// tableRows returns the table's own rows (not those of nested tables) and
// which of them are in its thead.
func tableRows(t *html.Node) (rows []*html.Node, head []bool) {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "tr":
			rows, head = append(rows, c), append(head, false)
		case "thead", "tbody", "tfoot":
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.Data == "tr" {
					rows, head = append(rows, r), append(head, c.Data == "thead")
				}
			}
		}
	}
	return rows, head
}

// buildTable reads a table's grid: which rows are headers, the text of
// each column's header and each row's header. Row and column spans are
// honoured. A table of one column, or of one row, is a layout table: its
// cells get no headers.
func buildTable(t *html.Node) *tableInfo {
	info := &tableInfo{cells: map[*html.Node]*cellInfo{}}
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "caption" {
			info.caption = collapse(VisibleText([]*html.Node{c}, maxHeaderText))
		}
	}
	rows, inHead := tableRows(t)
	type slot struct {
		n    *html.Node
		text string
		th   bool
	}
	var grid [][]slot
	pending := map[int]struct {
		s    slot
		left int
	}{} // column -> a cell spanning down
	count := 0
	for _, r := range rows {
		var row []slot
		col := 0
		fill := func() {
			for {
				p, ok := pending[col]
				if !ok {
					return
				}
				row = append(row, p.s)
				if p.left <= 1 {
					delete(pending, col)
				} else {
					pending[col] = struct {
						s    slot
						left int
					}{p.s, p.left - 1}
				}
				col++
			}
		}
		for c := r.FirstChild; c != nil && count < maxTableCells; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.Data != "td" && c.Data != "th") {
				continue
			}
			fill()
			s := slot{n: c, th: c.Data == "th"}
			if !Invisible(c) {
				s.text = collapse(VisibleText([]*html.Node{c}, maxHeaderText))
			}
			span := spanOf(c, "colspan")
			down := spanOf(c, "rowspan")
			for k := 0; k < span; k++ {
				row = append(row, s)
				if down > 1 {
					pending[col] = struct {
						s    slot
						left int
					}{s, down - 1}
				}
				col++
				count++
			}
		}
		fill()
		grid = append(grid, row)
	}
	cols := 0
	for _, row := range grid {
		cols = max(cols, len(row))
	}
	if cols < 2 || len(grid) < 2 {
		return info
	}
	// Header rows: the thead's, else leading rows of th cells only.
	nHead := 0
	for i := range grid {
		if inHead[i] {
			nHead = i + 1
			continue
		}
		if i == nHead && i < 3 && allTH(grid[i], func(s slot) bool { return s.th }) {
			nHead = i + 1
			continue
		}
		break
	}
	if nHead == len(grid) {
		nHead = 0 // a table of th cells only: no header rows
	}
	columns := make([]string, cols)
	for c := 0; c < cols; c++ {
		var parts []string
		for i := 0; i < nHead; i++ {
			if c < len(grid[i]) {
				if t := grid[i][c].text; t != "" && (len(parts) == 0 || parts[len(parts)-1] != t) {
					parts = append(parts, t)
				}
			}
		}
		columns[c] = strings.Join(parts, " / ")
	}
	for i, row := range grid {
		label := ""
		for _, s := range row {
			if s.th && strings.EqualFold(attr(s.n, "scope"), "row") {
				label = s.text
				break
			}
		}
		if label == "" && len(row) > 0 {
			label = row[0].text
		}
		for c, s := range row {
			if _, done := info.cells[s.n]; done {
				continue
			}
			ci := &cellInfo{}
			if i < nHead {
				ci.header = true
			} else {
				ci.column = columns[c]
				if c > 0 && label != s.text {
					ci.label = label
				}
			}
			info.cells[s.n] = ci
		}
	}
	return info
}

func allTH[S any](row []S, th func(S) bool) bool {
	if len(row) == 0 {
		return false
	}
	for _, s := range row {
		if !th(s) {
			return false
		}
	}
	return true
}

// spanOf reads a colspan or rowspan attribute (1 when absent or bad).
func spanOf(n *html.Node, key string) int {
	v := strings.TrimSpace(attr(n, key))
	s := 0
	for i := 0; i < len(v) && i < 3; i++ {
		if v[i] < '0' || v[i] > '9' {
			break
		}
		s = s*10 + int(v[i]-'0')
	}
	if s < 1 {
		return 1
	}
	return min(s, maxSpan)
}
