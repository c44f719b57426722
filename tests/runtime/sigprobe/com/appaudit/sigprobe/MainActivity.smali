.class public Lcom/appaudit/sigprobe/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# Generic types the way Gson and Retrofit read them: a TypeToken subclass's superclass, a method's return
# type and a field's type. Each must be a ParameterizedType, as on ART; and the method's and a parameter's
# runtime annotations must be there, with the annotation type's default. onCreate throws otherwise.

.field public items:Ljava/util/List;
    .annotation system Ldalvik/annotation/Signature;
        value = {
            "Ljava/util/List<",
            "Ljava/lang/Integer;",
            ">;"
        }
    .end annotation
.end field

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method public names()Ljava/util/Map;
    .registers 2
    .annotation system Ldalvik/annotation/Signature;
        value = {
            "()",
            "Ljava/util/Map<",
            "Ljava/lang/String;",
            "Ljava/lang/Long;",
            ">;"
        }
    .end annotation
    .annotation runtime Lcom/appaudit/sigprobe/GET;
        value = "users"
    .end annotation
    const/4 v0, 0x0
    return-object v0
.end method

.method public find(Ljava/lang/String;)V
    .registers 2
    .param p1, "q"
        .annotation runtime Lcom/appaudit/sigprobe/GET;
            value = "q"
        .end annotation
    .end param
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 7
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lcom/appaudit/sigprobe/MainActivity$1;
    invoke-direct {v0}, Lcom/appaudit/sigprobe/MainActivity$1;-><init>()V
    const-class v0, Lcom/appaudit/sigprobe/MainActivity;
    const-string v1, "names"
    const/4 v2, 0x0
    new-array v2, v2, [Ljava/lang/Class;
    invoke-virtual {v0, v1, v2}, Ljava/lang/Class;->getDeclaredMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;
    move-result-object v1
    invoke-virtual {v1}, Ljava/lang/reflect/Method;->getGenericReturnType()Ljava/lang/reflect/Type;
    move-result-object v1
    instance-of v1, v1, Ljava/lang/reflect/ParameterizedType;
    if-nez v1, :method_ok
    new-instance v0, Ljava/lang/RuntimeException;
    const-string v1, "Missing method signature."
    invoke-direct {v0, v1}, Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V
    throw v0
    :method_ok
    const-string v1, "items"
    invoke-virtual {v0, v1}, Ljava/lang/Class;->getDeclaredField(Ljava/lang/String;)Ljava/lang/reflect/Field;
    move-result-object v1
    invoke-virtual {v1}, Ljava/lang/reflect/Field;->getGenericType()Ljava/lang/reflect/Type;
    move-result-object v1
    instance-of v1, v1, Ljava/lang/reflect/ParameterizedType;
    if-nez v1, :field_ok
    new-instance v0, Ljava/lang/RuntimeException;
    const-string v1, "Missing field signature."
    invoke-direct {v0, v1}, Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V
    throw v0
    :field_ok
    const-string v1, "names"
    const/4 v2, 0x0
    new-array v2, v2, [Ljava/lang/Class;
    invoke-virtual {v0, v1, v2}, Ljava/lang/Class;->getDeclaredMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;
    move-result-object v1
    const-class v2, Lcom/appaudit/sigprobe/GET;
    invoke-virtual {v1, v2}, Ljava/lang/reflect/Method;->getAnnotation(Ljava/lang/Class;)Ljava/lang/annotation/Annotation;
    move-result-object v1
    if-nez v1, :annotation_ok
    new-instance v0, Ljava/lang/RuntimeException;
    const-string v1, "Missing method annotation."
    invoke-direct {v0, v1}, Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V
    throw v0
    :annotation_ok
    check-cast v1, Lcom/appaudit/sigprobe/GET;
    invoke-interface {v1}, Lcom/appaudit/sigprobe/GET;->encoded()Z
    move-result v2
    invoke-interface {v1}, Lcom/appaudit/sigprobe/GET;->value()Ljava/lang/String;
    move-result-object v3
    const-string v4, "users"
    invoke-virtual {v4, v3}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z
    move-result v4
    if-eqz v4, :bad_value
    if-eqz v2, :value_ok
    :bad_value
    new-instance v0, Ljava/lang/RuntimeException;
    const-string v1, "Wrong annotation value."
    invoke-direct {v0, v1}, Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V
    throw v0
    :value_ok
    const-string v1, "find"
    const/4 v2, 0x1
    new-array v2, v2, [Ljava/lang/Class;
    const-class v3, Ljava/lang/String;
    const/4 v4, 0x0
    aput-object v3, v2, v4
    invoke-virtual {v0, v1, v2}, Ljava/lang/Class;->getDeclaredMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;
    move-result-object v1
    invoke-virtual {v1}, Ljava/lang/reflect/Method;->getParameterAnnotations()[[Ljava/lang/annotation/Annotation;
    move-result-object v1
    aget-object v1, v1, v4
    array-length v1, v1
    if-nez v1, :parameter_ok
    new-instance v0, Ljava/lang/RuntimeException;
    const-string v1, "Missing parameter annotation."
    invoke-direct {v0, v1}, Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V
    throw v0
    :parameter_ok
    return-void
.end method
