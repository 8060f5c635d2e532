using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// The intake the SUAP and SUE definitions share (Sportello.cs), run once for each of them
// instead of one copy per definition file.
public class when_an_application_goes_through_the_front_desk
{
    [Theory]
    [InlineData("suap/scia")]
    [InlineData("suap/ordinario")]
    [InlineData("sue/cila")]
    [InlineData("sue/permesso-di-costruire")]
    public void the_first_task_opens_when_both_the_visura_and_the_payment_receipt_are_in(string definition)
    {
        switch (definition)
        {
            // 15 days for the payment: 2 March + 15 = Tuesday 17 March.
            // The control is due 45 days after the payment: 4 March + 45 = Saturday 18 April.
            case "suap/scia":
                OpensTheFirstTask(Scia.Receivable(), Scia.PaidOn, payBy: EndOfWinterDay(2026, 3, 17), taskDue: EndOfSummerDay(2026, 4, 18));
                break;
            // The avviso waits 10 days: 2 March + 10 = Thursday 12 March, to the end of the day.
            // Review due in 20 days: 3 March + 20 = Monday 23 March.
            case "suap/ordinario":
                OpensTheFirstTask(Ordinario.Started().At(Ordinario.VisuraOn), Ordinario.PaidOn, EndOfWinterDay(2026, 3, 12), EndOfWinterDay(2026, 3, 23));
                break;
            // 15 days to pay: 2 March + 15 = Tuesday 17 March. The check is due 4 March + 30 = Friday 3 April.
            case "sue/cila":
                OpensTheFirstTask(Cila.Acknowledged(), Cila.PaidOn, EndOfWinterDay(2026, 3, 17), EndOfSummerDay(2026, 4, 3));
                break;
            // 15 days to pay; the completeness check is due in 10 days: 5 March + 10 = Sunday 15 March -> Monday 16 March.
            case "sue/permesso-di-costruire":
                OpensTheFirstTask(Permesso.Started(), Permesso.PaidOn, EndOfWinterDay(2026, 3, 17), EndOfWinterDay(2026, 3, 16));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(definition), definition, "not a front-desk definition");
        }
    }

    /// <summary>
    /// The visura finishes its branch but the join waits; the avviso makes the fees branch wait for
    /// its receipt until <paramref name="payBy"/>; the receipt joins the branches on the first task.
    /// </summary>
    private static void OpensTheFirstTask<T>(T pratica, DateTimeOffset paidOn, DateTimeOffset payBy, DateTimeOffset taskDue)
        where T : Sportello<T>
    {
        pratica.VisuraArrives().LastEvents.ShouldBeEvents(pratica.VisuraRead());
        pratica.OpenTasks().ShouldBeEmpty();

        pratica.AvvisoRequested().LastEvents.ShouldBeEvents(pratica.AvvisoRead(pratica.Now));
        pratica.Delivers("avviso-pagopa").LastEvents.ShouldBeEvents(pratica.AvvisoSent(payBy));

        pratica.At(paidOn).PaymentReceived().LastEvents.ShouldBeEvents(pratica.Paid(taskDue));
        pratica.State.Tokens.Keys.ShouldBe(["main"]);
        pratica.State.Variables["paidAt"]!.GetValue<string>().ShouldBe(pratica.PaidAt);
    }
}
