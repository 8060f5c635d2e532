using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Workflows.Tests.Definitions;

public sealed class when_several_files_are_validated : IDisposable
{
    private const string Sound = """
        id: test.first
        title: First
        kind: suap
        legalBasis: L. 241/1990
        start: review
        steps:
          review:
            task: { role: clerk, office: SUAP }
            outcomes:
              approve: approved
              reject: rejected
          approved:
            end: approved
          rejected:
            end: rejected
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sys2-validate-");
    private readonly List<string> _problems;
    private readonly IReadOnlyList<DefinitionLoad> _loads;

    public when_several_files_are_validated()
    {
        Write("a-first.yaml", Sound);
        // A broken reference.
        Write("b-broken.yaml", Sound.Replace("test.first", "test.broken").Replace("reject: rejected", "reject: rejectd"));
        // The first file's id again.
        Write("c-duplicate.yaml", Sound);
        // An unreachable step.
        Write("d-orphan.yaml", Sound.Replace("test.first", "test.orphan") + "\n  orphan:\n    end: withdrawn\n");
        Write("notes.txt", "not a definition");
        _loads = DefinitionLoader.LoadPath(_folder.FullName);
        _problems = DefinitionValidator.Validate(_loads).Select(p => p.ToString()).ToList();
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder.FullName, name), text);

    private string Name(string file) => Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(_folder.FullName, file));

    [Fact]
    public void it_loads_every_yaml_file_in_name_order() =>
        _loads.Select(l => Path.GetFileName(l.File)).ShouldBe(["a-first.yaml", "b-broken.yaml", "c-duplicate.yaml", "d-orphan.yaml"]);

    [Fact]
    public void it_reports_all_three_problems_each_with_its_file_and_line() =>
        _problems.ShouldBe([
            $"{Name("b-broken.yaml")}:11:15: step 'review' goes to 'rejectd' (outcome 'reject'), but there is no step 'rejectd' (did you mean 'rejected'?)",
            $"{Name("c-duplicate.yaml")}:1:5: definition id 'test.first' is already used by {Name("a-first.yaml")}",
            $"{Name("d-orphan.yaml")}:16:3: step 'orphan' cannot be reached from start 'review'",
        ]);

    public void Dispose() => _folder.Delete(recursive: true);
}
