using Spectre.Console;
using Spectre.Console.Rendering;

namespace FastReg.Cli.Output;

/// <summary>One column of a <see cref="FittedTable"/>.</summary>
/// <param name="Header">The full header ("train loss").</param>
/// <param name="Short">A shorter header for narrow terminals ("train"); null: the header is already short.</param>
/// <param name="Numeric">Right-aligned; its cells never wrap.</param>
/// <param name="Keep">Drop order when even the compact layout is too wide: lower goes first; <see cref="int.MaxValue"/> never.</param>
/// <param name="Below">A text column that may leave the table for a "row: value" list under it (long settings).</param>
internal sealed record FittedColumn(string Header, string? Short = null, bool Numeric = true, int Keep = int.MaxValue, bool Below = false);

/// <summary>
/// A table that fits the terminal without ever wrapping a row, as kubectl and docker do: at the
/// console's width it tries, in order, the rounded table; a borderless one; short headers; long text
/// columns moved under the table; then dropping the least important columns, named in a footnote.
/// Cells are plain text (escaped here); widths count UTF-16 units, which is right for the
/// single-width symbols the CLI prints (λ, σ, ‖, ≤).
/// </summary>
internal sealed class FittedTable
{
    private readonly FittedColumn[] _columns;
    private readonly List<string[]> _rows = [];

    public FittedTable(params FittedColumn[] columns) => _columns = columns;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _columns.Length) throw new ArgumentException($"a row needs {_columns.Length} cells, got {cells.Length}", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>Writes the table (and any moved columns and the footnote) to <paramref name="console"/> at its width.</summary>
    public void Write(IAnsiConsole console)
    {
        Layout layout = Fit(console.Profile.Width);
        if (layout.Bordered) console.Write(Render(layout));
        else WritePlain(console, layout);
        WriteBelow(console, layout);
    }

    /// <summary>How the table is drawn: which columns, which headers, with or without the border.</summary>
    internal sealed record Layout(bool Bordered, bool ShortHeaders, bool[] Shown, bool[] MovedBelow)
    {
        public int ShownCount
        {
            get
            {
                int n = 0;
                foreach (bool s in Shown) n += s ? 1 : 0;
                return n;
            }
        }
    }

    /// <summary>The first layout, in the order above, whose width is at most <paramref name="width"/>.</summary>
    internal Layout Fit(int width)
    {
        int n = _columns.Length;
        bool[] all = Filled(n, true), none = Filled(n, false);
        foreach (Layout candidate in (Layout[])[new(true, false, all, none), new(false, false, all, none), new(false, true, all, none)])
            if (Width(candidate) <= width) return candidate;

        bool[] shown = Filled(n, true), below = Filled(n, false);
        for (int c = 0; c < n; c++)
            if (_columns[c].Below) (shown[c], below[c]) = (false, true);
        var layout = new Layout(false, true, shown, below);
        while (Width(layout) > width)
        {
            int drop = -1;
            for (int c = 0; c < n; c++)
                if (layout.Shown[c] && _columns[c].Keep != int.MaxValue && (drop < 0 || _columns[c].Keep < _columns[drop].Keep)) drop = c;
            if (drop < 0) break; // only columns that must stay: print them, the terminal wraps what it must
            layout.Shown[drop] = false;
        }
        return layout;
    }

    /// <summary>Whether every column fits <paramref name="width"/> in the table itself (none dropped, none moved under it).</summary>
    internal bool FitsWhole(int width)
    {
        Layout layout = Fit(width);
        return layout.ShownCount == _columns.Length && Width(layout) <= width;
    }

    /// <summary>Characters per line of a layout: a rounded table draws "│ " before and " │" after each cell.</summary>
    internal int Width(Layout layout)
    {
        int total = 0, shown = 0;
        for (int c = 0; c < _columns.Length; c++)
        {
            if (!layout.Shown[c]) continue;
            shown++;
            total += ColumnWidth(c, layout.ShortHeaders);
        }
        return layout.Bordered ? total + 3 * shown + 1 : total + 2 * Math.Max(shown - 1, 0);
    }

    private int ColumnWidth(int c, bool shortHeader)
    {
        int w = HeaderOf(c, shortHeader).Length;
        foreach (string[] row in _rows) w = Math.Max(w, row[c].Length);
        return w;
    }

    private string HeaderOf(int c, bool shortHeader) => shortHeader && _columns[c].Short is { } s ? s : _columns[c].Header;

    /// <summary>The rounded table, through Spectre; numbers never wrap.</summary>
    private Table Render(Layout layout)
    {
        var table = new Table().Border(TableBorder.Rounded);
        var picked = new List<int>(_columns.Length);
        for (int c = 0; c < _columns.Length; c++)
        {
            if (!layout.Shown[c]) continue;
            picked.Add(c);
            var column = new TableColumn(Markup.Escape(HeaderOf(c, layout.ShortHeaders))) { NoWrap = true };
            table.AddColumn(_columns[c].Numeric ? column.RightAligned() : column);
        }
        foreach (string[] row in _rows)
        {
            var cells = new IRenderable[picked.Count];
            for (int i = 0; i < picked.Count; i++) cells[i] = new Text(row[picked[i]]);
            table.AddRow(cells);
        }
        return table;
    }

    /// <summary>The borderless layout, written as plain aligned text: two spaces between columns, numbers right-aligned.</summary>
    private void WritePlain(IAnsiConsole console, Layout layout)
    {
        var widths = new int[_columns.Length];
        for (int c = 0; c < _columns.Length; c++) widths[c] = layout.Shown[c] ? ColumnWidth(c, layout.ShortHeaders) : 0;
        var line = new System.Text.StringBuilder();
        void Append(int c, string cell, bool first)
        {
            if (!first) line.Append("  ");
            line.Append(_columns[c].Numeric ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        }
        void Flush()
        {
            console.Profile.Out.Writer.WriteLine(line.ToString().TrimEnd());
            line.Clear();
        }
        bool first = true;
        for (int c = 0; c < _columns.Length; c++)
            if (layout.Shown[c]) { Append(c, HeaderOf(c, layout.ShortHeaders), first); first = false; }
        Flush();
        foreach (string[] row in _rows)
        {
            first = true;
            for (int c = 0; c < _columns.Length; c++)
                if (layout.Shown[c]) { Append(c, row[c], first); first = false; }
            Flush();
        }
    }

    private void WriteBelow(IAnsiConsole console, Layout layout)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            if (!layout.MovedBelow[c]) continue;
            TextWriter writer = console.Profile.Out.Writer;
            writer.WriteLine($"{_columns[c].Header}:");
            foreach (string[] row in _rows) writer.WriteLine($"  {row[0]}: {row[c]}");
        }
        var hidden = new List<string>();
        for (int c = 0; c < _columns.Length; c++)
            if (!layout.Shown[c] && !layout.MovedBelow[c]) hidden.Add(_columns[c].Header);
        if (hidden.Count > 0) console.Profile.Out.Writer.WriteLine($"Not shown at {console.Profile.Width} columns: {string.Join(", ", hidden)} (a wider terminal shows them).");
    }

    private static bool[] Filled(int n, bool value)
    {
        var a = new bool[n];
        Array.Fill(a, value);
        return a;
    }
}
